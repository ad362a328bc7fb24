// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::DataSource — a data source type: reads something and returns it as state.
//
//   class FileData final : public tfsdk::DataSource {
//     std::string TypeName() const override { return "local_file"; }
//     tfsdk::Schema GetSchema() const override { ... }
//     void Read(const tfsdk::DataSourceReadRequest& req,
//               tfsdk::DataSourceReadResponse& resp) override {
//       resp.state.Set("content", ReadFile(req.config.Get<std::string>("path")));
//     }
//   };
//
// Computed attributes left unset are returned null (a data source result is always wholly
// known). Called concurrently; must be thread-safe.
#ifndef TFSDK_DATA_SOURCE_H_
#define TFSDK_DATA_SOURCE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tfsdk/attributes.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"

namespace tfsdk {

struct DataSourceReadRequest : CallContext {
  Attributes config;
  bool deferral_allowed = false;  // whether resp.deferred may be set
};
struct DataSourceReadResponse {
  Attributes state;  // starts as the configuration, computed values null
  Diagnostics diagnostics;
  // Postpone reading to a later run (only when req.deferral_allowed); see tfsdk::Deferred.
  std::optional<Deferred> deferred;
};

class DataSource {
 public:
  virtual ~DataSource() = default;
  // The full data source type name, e.g. "local_file".
  virtual std::string TypeName() const = 0;
  virtual Schema GetSchema() const = 0;
  virtual void Read(const DataSourceReadRequest& req, DataSourceReadResponse& resp) = 0;
  // Validation across attributes, after each attribute's validators. Default: nothing.
  virtual void ValidateConfig(const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
    (void)req;
    (void)resp;
  }
  // Whole-configuration validators. Called once at start-up.
  virtual std::vector<std::shared_ptr<const ConfigValidator>> ConfigValidators() const {
    return {};
  }
};

}  // namespace tfsdk

#endif  // TFSDK_DATA_SOURCE_H_
