package io.recontact.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeLockOwnerTest {

  @Test
  void hostAndPortByDefaultSoTwoNodesOnOneMachineDifferAndARestartKeepsIt() {
    assertThat(NodeLockOwner.of("", 8080, () -> "app-1")).isEqualTo(new NodeLockOwner.Owner("app-1:8080", true));
    assertThat(NodeLockOwner.of(null, 8081, () -> "app-1").name()).isEqualTo("app-1:8081");
  }

  @Test
  void aConfiguredOwnerWins() {
    assertThat(NodeLockOwner.of(" recontact-0 ", 0, () -> null))
        .isEqualTo(new NodeLockOwner.Owner("recontact-0", true));
  }

  @Test
  void aRandomPortOrAHostNameThatIsNotItsOwnGivesARandomOwner() {
    NodeLockOwner.Owner random = NodeLockOwner.of("", 0, () -> "app-1");
    assertThat(random.stable()).isFalse();
    assertThat(random.name()).isNotEqualTo(NodeLockOwner.of("", 0, () -> "app-1").name());
    assertThat(NodeLockOwner.of("", 8080, () -> "localhost.localdomain").stable()).isFalse();
    assertThat(NodeLockOwner.of("", 8080, () -> null).stable()).isFalse();
  }

  @Test
  void longOwnersAreCutToTheColumn() {
    assertThat(NodeLockOwner.of("x".repeat(300), 8080, () -> "h").name()).hasSize(NodeLockOwner.MAX_LENGTH);
  }
}
