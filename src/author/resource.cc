// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/resource.h"

namespace tfsdk {

void Resource::ImportState(const ImportStateRequest&, ImportStateResponse& resp) {
  resp.diagnostics.AddError(
      "Resource import not supported",
      "The resource type " + TypeName() +
          " does not support import. Remove the import block or `terraform import` command.");
}

void Resource::ImportStatePassthrough(const ImportStateRequest& req, ImportStateResponse& resp,
                                      const std::string& attribute) {
  resp.state.Set(attribute, req.id);
}

}  // namespace tfsdk
