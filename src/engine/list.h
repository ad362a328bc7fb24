// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// List resources inside the engine (`terraform query`, see tfsdk/list_resource.h): what
// the engine keeps for each one. The Engine methods live in list.cc.
#ifndef TFSDK_SRC_ENGINE_LIST_H_
#define TFSDK_SRC_ENGINE_LIST_H_

#include <memory>
#include <vector>

#include "src/engine/engine.h"
#include "src/engine/plan.h"
#include "tfsdk/list_resource.h"
#include "tfsdk/schema.h"
#include "tfsdk/type.h"

namespace tfsdk::internal {

struct ListEntry {
  ListResource* list = nullptr;
  Schema schema;  // the `config {}` block
  Type type;
  std::vector<std::shared_ptr<const ConfigValidator>> config_validators;
  // The managed resource listed: its schema, for the resource objects of results.
  Schema resource_schema;
  Type resource_type;
  std::unique_ptr<PlanSchema> resource_plan;  // for NullWriteOnly
};

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_ENGINE_LIST_H_
