package io.recontact.toluna.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class TolunaModelTest {

  private static final ObjectMapper MAPPER = TolunaJson.mapper();
  private static JsonNode tree;
  private static GetQuotasResponse response;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = TolunaModelTest.class.getResourceAsStream("/toluna/getquotasresponse.json")) {
      tree = MAPPER.readTree(in);
    }
    response = MAPPER.treeToValue(tree, GetQuotasResponse.class);
  }

  @Test
  void realResponseHasTheDocumentedTopLevel() {
    assertThat(response.surveys()).hasSize(68);
    assertThat(response.countryId()).isEqualTo(2000223L);
    assertThat(response.cacheExpires()).isEqualTo(tree.get("CacheExpires").asText());
  }

  @Test
  void countsOfEveryLevelEqualAJsonNodeWalk() {
    assertThat(countRecords(response)).isEqualTo(countNodes(tree));
    assertThat(countNodes(tree).get("surveys")).isEqualTo(68);
  }

  @Test
  void wholeResponseRoundTripsWithoutLosingAField() throws IOException {
    JsonNode again = MAPPER.readTree(MAPPER.writeValueAsString(response));
    assertThat(again).isEqualTo(tree);
  }

  @Test
  void everySurveyAndEveryQuotaRoundTripsOnItsOwn() throws IOException {
    int quotas = 0;
    for (JsonNode surveyNode : tree.get("Surveys")) {
      Survey survey = MAPPER.treeToValue(surveyNode, Survey.class);
      assertThat(MAPPER.readTree(MAPPER.writeValueAsString(survey))).isEqualTo(surveyNode);
      for (JsonNode quotaNode : surveyNode.get("Quotas")) {
        Quota quota = MAPPER.treeToValue(quotaNode, Quota.class);
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(quota)))
            .as("quota %s", quotaNode.get("QuotaID")).isEqualTo(quotaNode);
        quotas++;
      }
    }
    assertThat(quotas).isEqualTo(countNodes(tree).get("quotas"));
  }

  @Test
  void firstSurveyFieldsAreRead() {
    Survey s = response.surveys().get(0);
    JsonNode n = tree.get("Surveys").get(0);
    assertThat(s.surveyId()).isEqualTo(n.get("SurveyID").asLong());
    assertThat(s.surveyName()).isEqualTo(n.get("SurveyName").asText());
    assertThat(s.waveId()).isEqualTo(n.get("WaveID").asLong());
    assertThat(s.loi()).isEqualTo(n.get("LOI").asInt());
    assertThat(s.ir()).isEqualTo(n.get("IR").asInt());
    assertThat(s.isSurveyRecontact()).isFalse();
    assertThat(s.price().amount()).isEqualByComparingTo(BigDecimal.valueOf(n.get("Price").get("Amount").asDouble()));
    assertThat(s.deviceTypeIds()).isNotEmpty();
    assertThat(s.scheduledCompletionDate()).isEqualTo(n.get("ScheduledCompletionDate").asText());
    assertThat(s.surveyWaveExclusions()).isNotNull();
  }

  @Test
  void casingVariantsAreAccepted() throws IOException {
    String json = """
        {"SurveyId": 11, "WaveId": 0, "surveyname": "x", "loi": 5, "Ir": 40, "StudyTypeId": 2040,
        "DeviceTypeIds": [1], "Price": {"Amount": 1.5, "CurrencyId": 1},
        "Quotas": [{"QuotaId": 7, "Layers": [{"LayerId": 8, "SubQuotas": [{"SubQuotaId": 9,
         "QuestionsAndAnswers": [{"QuestionId": 1001007, "AnswerIds": [2000246], "IsRoutable": true}]}]}]}],
        "SurveyWaveExclusions": [{"SurveyId": 1, "WaveId": 0, "ParticipationStatusIds": [9]}],
        "SomethingNew": {"a": 1}}
        """;
    for (ObjectMapper mapper : List.of(MAPPER, new ObjectMapper())) {
      Survey s = mapper.readValue(json, Survey.class);
      assertThat(s.surveyId()).isEqualTo(11L);
      assertThat(s.waveId()).isZero();
      assertThat(s.studyTypeId()).isEqualTo(2040L);
      assertThat(s.deviceTypeIds()).containsExactly(1);
      assertThat(s.price().currencyId()).isEqualTo(1);
      assertThat(s.loi()).isEqualTo(5);
      Quota q = s.quotas().get(0);
      assertThat(q.quotaId()).isEqualTo(7L);
      assertThat(q.layers().get(0).layerId()).isEqualTo(8L);
      SubQuota sq = q.layers().get(0).subQuotas().get(0);
      assertThat(sq.subQuotaId()).isEqualTo(9L);
      assertThat(sq.questionsAndAnswers().get(0).questionId()).isEqualTo(1001007L);
      assertThat(sq.questionsAndAnswers().get(0).answerIds()).containsExactly(2000246L);
      assertThat(sq.questionsAndAnswers().get(0).routable()).isTrue();
      assertThat(s.surveyWaveExclusions().get(0).participationStatusIds()).containsExactly(9);
    }
    // the case-insensitive mapper also takes casings no alias lists
    Survey lower = MAPPER.readValue("{\"surveyid\": 3, \"SURVEYNAME\": \"y\", \"Ir\": 1}", Survey.class);
    assertThat(lower.surveyId()).isEqualTo(3L);
    assertThat(lower.surveyName()).isEqualTo("y");
    assertThat(lower.ir()).isEqualTo(1);
  }

  @Test
  void serialisesWithToLunasNamesAndLeavesAbsentFieldsOut() throws IOException {
    Survey s = MAPPER.readValue("{\"SurveyId\": 5, \"IsSurveyRecontact\": true}", Survey.class);
    assertThat(MAPPER.writeValueAsString(s)).isEqualTo("{\"SurveyID\":5,\"IsSurveyRecontact\":true}");
    SubQuota sq = new SubQuota(List.of(new QuestionAndAnswers(1001538L, List.of(), List.of("18-99"), false)), 1L, 2, 3);
    assertThat(MAPPER.writeValueAsString(sq)).isEqualTo("{\"QuestionsAndAnswers\":[{\"QuestionID\":1001538,"
        + "\"AnswerIDs\":[],\"AnswerValues\":[\"18-99\"],\"IsRoutable\":false}],"
        + "\"SubQuotaID\":1,\"CurrentCompletes\":2,\"MaxTargetCompletes\":3}");
  }

  @Test
  void quotaStatusBodyParsesAsAQuota() throws IOException {
    String json = """
        {"QuotaID": 42387, "CountryID": 2000223, "CompletesRequired": 5, "EstimatedCompletesRemaining": 5,
        "Layers": [{"LayerID": 56059, "SubQuotas": [{"QuestionsAndAnswers": [{"QuestionID": 1001538,
         "AnswerIDs": [], "AnswerValues": ["18-75"], "IsRoutable": false}],
         "SubQuotaID": 167082, "CurrentCompletes": 0, "MaxTargetCompletes": 5}]}],
        "CacheExpires": "2020-01-31T21:19:30.3616306Z"}
        """;
    Quota q = MAPPER.readValue(json, Quota.class);
    assertThat(q.countryId()).isEqualTo(2000223L);
    assertThat(q.cacheExpires()).isEqualTo("2020-01-31T21:19:30.3616306Z");
    assertThat(q.layers().get(0).subQuotas().get(0).full()).isFalse();
    assertThat(MAPPER.readTree(MAPPER.writeValueAsString(q))).isEqualTo(MAPPER.readTree(json));
  }

  private static Map<String, Integer> countNodes(JsonNode root) {
    Map<String, Integer> c = new TreeMap<>();
    for (JsonNode s : root.get("Surveys")) {
      add(c, "surveys", 1);
      add(c, "exclusions", s.path("SurveyWaveExclusions").size());
      add(c, "deviceTypes", s.path("DeviceTypeIDs").size());
      for (JsonNode q : s.get("Quotas")) {
        add(c, "quotas", 1);
        for (JsonNode l : q.get("Layers")) {
          add(c, "layers", 1);
          for (JsonNode sq : l.get("SubQuotas")) {
            add(c, "subQuotas", 1);
            for (JsonNode qa : sq.get("QuestionsAndAnswers")) {
              add(c, "questions", 1);
              add(c, "answerIds", qa.path("AnswerIDs").size());
              add(c, "answerValues", qa.path("AnswerValues").size());
              add(c, "routable", qa.path("IsRoutable").asBoolean() ? 1 : 0);
            }
          }
        }
      }
    }
    return c;
  }

  private static Map<String, Integer> countRecords(GetQuotasResponse r) {
    Map<String, Integer> c = new TreeMap<>();
    for (Survey s : r.surveys()) {
      add(c, "surveys", 1);
      add(c, "exclusions", s.surveyWaveExclusions() == null ? 0 : s.surveyWaveExclusions().size());
      add(c, "deviceTypes", s.deviceTypeIds() == null ? 0 : s.deviceTypeIds().size());
      for (Quota q : s.quotas()) {
        add(c, "quotas", 1);
        for (Layer l : q.layers()) {
          add(c, "layers", 1);
          for (SubQuota sq : l.subQuotas()) {
            add(c, "subQuotas", 1);
            for (QuestionAndAnswers qa : sq.questionsAndAnswers()) {
              add(c, "questions", 1);
              add(c, "answerIds", qa.answerIds() == null ? 0 : qa.answerIds().size());
              add(c, "answerValues", qa.answerValues() == null ? 0 : qa.answerValues().size());
              add(c, "routable", qa.routable() ? 1 : 0);
            }
          }
        }
      }
    }
    return c;
  }

  private static void add(Map<String, Integer> c, String key, int n) {
    c.merge(key, n, Integer::sum);
  }
}
