package io.recontact.config;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;

/**
 * A workflow group and its group-wide grants, brought to the wanted state on every start. Group-wide means any
 * application grant and any grant on {@code *} of a managed resource type: those are added, changed or removed so
 * that a database set up by an older release (which gave approvers far more) gets today's rights. Grants on single
 * resources (a filter, a task, made in Admin) are left alone.
 */
final class GroupGrants {

  /** One grant: resource type, resource id ({@code *} or an application name) and its permissions. */
  record Grant(Resource resource, String resourceId, Permission... permissions) {
  }

  /** Resource types whose group-wide grants the setup owns. */
  static final List<Resource> MANAGED = List.of(Resources.APPLICATION, Resources.PROCESS_DEFINITION,
      Resources.PROCESS_INSTANCE, Resources.TASK, Resources.DEPLOYMENT, Resources.HISTORIC_PROCESS_INSTANCE,
      Resources.HISTORIC_TASK, Resources.BATCH, Resources.USER, Resources.GROUP, Resources.AUTHORIZATION);

  private GroupGrants() {
  }

  static void ensureGroup(IdentityService identity, String groupId, String name) {
    if (identity.createGroupQuery().groupId(groupId).count() == 0) {
      Group group = identity.newGroup(groupId);
      group.setName(name);
      group.setType(Groups.GROUP_TYPE_WORKFLOW);
      identity.saveGroup(group);
    }
  }

  static void reconcile(AuthorizationService authorizations, String groupId, List<Grant> wanted) {
    for (Resource type : MANAGED) {
      for (Authorization existing : authorizations.createAuthorizationQuery().groupIdIn(groupId)
          .authorizationType(AUTH_TYPE_GRANT).resourceType(type).list()) {
        boolean groupWide = type == Resources.APPLICATION || Authorization.ANY.equals(existing.getResourceId());
        if (groupWide && wanted.stream().noneMatch(g -> sameTarget(g, existing))) {
          authorizations.deleteAuthorization(existing.getId());
        }
      }
    }
    for (Grant grant : wanted) {
      Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(groupId)
          .authorizationType(AUTH_TYPE_GRANT).resourceType(grant.resource()).resourceId(grant.resourceId())
          .singleResult();
      Set<Permission> want = new HashSet<>(Arrays.asList(grant.permissions()));
      if (existing != null && granted(existing, grant.resource()).equals(names(want))) {
        continue;
      }
      Authorization authorization = existing;
      if (authorization == null) {
        authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(grant.resource());
        authorization.setResourceId(grant.resourceId());
      }
      authorization.setPermissions(grant.permissions());
      authorizations.saveAuthorization(authorization);
    }
  }

  private static boolean sameTarget(Grant grant, Authorization existing) {
    return grant.resource().resourceType() == existing.getResourceType()
        && grant.resourceId().equals(existing.getResourceId());
  }

  /** Permission names, because the same permission exists in the generic and in the resource-specific enums. */
  private static Set<String> granted(Authorization authorization, Resource type) {
    Permission[] all = ResourceTypeUtil.getPermissionsByResourceType(type.resourceType());
    Set<String> names = new HashSet<>();
    for (Permission permission : authorization.getPermissions(all)) {
      if (!"ALL".equals(permission.getName()) && !"NONE".equals(permission.getName())) {
        names.add(permission.getName());
      }
    }
    if (authorization.isEveryPermissionGranted()) {
      names.add("ALL");
    }
    return names;
  }

  private static Set<String> names(Set<Permission> permissions) {
    Set<String> names = new HashSet<>();
    permissions.forEach(p -> names.add(p.getName()));
    return names;
  }
}
