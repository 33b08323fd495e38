package io.recontact.toluna.recontactquota;

import io.recontact.engine.ChunkSteps;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The quota flow's chunk steps, each looping job after job over a quota's members: paging the list, sampling,
 * member sync with invites ({@code MemberSyncOn} is the async boundary of that job), delivery. They run at the low
 * job priority, each chunk a job of its own within the time budget (io.recontact.engine.JobScheduling).
 */
@Configuration(proxyBeanMethods = false)
class QuotaChunkSteps {

  @Bean
  ChunkSteps tolunaRecontactQuotaChunkSteps() {
    return new ChunkSteps("tolunaRecontactQuota",
        Set.of("FetchMemberCodes", "SampleMembers", "MemberSyncOn", "DeliverInvites"));
  }
}
