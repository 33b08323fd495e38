package io.recontact.config;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * The Tasklist filters of the open recontact approvals (tasks whose candidate group is the approvers', claimed ones
 * included), one per group that reads it. Each refreshes itself: Tasklist reloads a filter with {@code refresh: true}
 * every 10 seconds, so a review that appears later shows up without reloading the page. Brought to this state on
 * every start: a filter created by an older release (without {@code refresh}) gets it, other properties (changed in
 * Tasklist) stay as they are, and the group's READ on it is granted if missing.
 */
final class TasklistFilters {

  static final String REFRESH = "refresh";

  private TasklistFilters() {
  }

  /** Creates the filter, or switches auto-refresh on where it is off; grants the group READ on it (only READ). */
  static void ensureApprovalsFilter(ProcessEngine engine, String name, String description, int priority,
      String readerGroup) {
    FilterService filters = engine.getFilterService();
    List<Filter> existing = filters.createFilterQuery().filterName(name).list();
    if (existing.isEmpty()) {
      TaskQuery query = engine.getTaskService().createTaskQuery();
      query.taskCandidateGroup(ApproverIdentitySetup.APPROVERS_GROUP).includeAssignedTasks();
      Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(Map.of("description", description,
          "priority", priority, REFRESH, true));
      existing = List.of(filters.saveFilter(filter));
    }
    for (Filter filter : existing) {
      Map<String, Object> properties = filter.getProperties() == null ? new HashMap<>()
          : new HashMap<>(filter.getProperties());
      if (!Boolean.TRUE.equals(properties.get(REFRESH))) {
        properties.put(REFRESH, true);
        filters.saveFilter(filter.setProperties(properties));
      }
      grantRead(engine.getAuthorizationService(), filter.getId(), readerGroup);
    }
  }

  private static void grantRead(AuthorizationService authorizations, String filterId, String groupId) {
    Authorization grant = authorizations.createAuthorizationQuery().groupIdIn(groupId)
        .authorizationType(AUTH_TYPE_GRANT).resourceType(Resources.FILTER).resourceId(filterId).singleResult();
    if (grant == null) {
      grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      grant.setGroupId(groupId);
      grant.setResource(Resources.FILTER);
      grant.setResourceId(filterId);
    } else if (grant.isPermissionGranted(Permissions.READ)) {
      return;
    }
    grant.addPermission(Permissions.READ);
    authorizations.saveAuthorization(grant);
  }
}
