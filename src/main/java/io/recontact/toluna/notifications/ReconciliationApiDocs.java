package io.recontact.toluna.notifications;

import io.recontact.web.ApiDocsConfig;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The reconciliation notification's credential in the OpenAPI document: the custom header set at Toluna (its name is
 * configuration), or the notification token while no header is configured.
 */
@Component
class ReconciliationApiDocs implements OpenApiCustomizer {

  static final String SCHEME = "tolunaReconciliationHeader";
  static final String PATH = "/api/toluna/notifications/reconciliation";

  private final NotificationProperties properties;

  ReconciliationApiDocs(NotificationProperties properties) {
    this.properties = properties;
  }

  @Override
  public void customise(OpenAPI api) {
    PathItem item = api.getPaths() == null ? null : api.getPaths().get(PATH);
    if (item == null || item.getPost() == null) {
      return;
    }
    if (properties.reconciliation().configured()) {
      api.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
          .in(SecurityScheme.In.HEADER).name(properties.reconciliation().headerName())
          .description("Toluna's reconciliation notification only: the custom header set at Toluna "
              + "(recontact.toluna.notifications.reconciliation.header-name and header-value)"));
      item.getPost().setSecurity(List.of(new SecurityRequirement().addList(SCHEME)));
    } else {
      item.getPost().setSecurity(List.of(new SecurityRequirement().addList(ApiDocsConfig.TOKEN_HEADER),
          new SecurityRequirement().addList(ApiDocsConfig.TOKEN_QUERY)));
    }
  }
}
