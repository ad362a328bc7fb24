// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::ListResource — lists remote objects of a managed resource type for `terraform
// query` (Terraform 1.14+; OpenTofu has no list resources). The type name must be that of a
// managed resource with an identity schema (tfsdk/identity.h): every result carries the
// object's identity, and the resource object itself when Terraform asks for it.
//
//   # things.tfquery.hcl
//   list "example_thing" "all" {
//     provider         = example
//     include_resource = true
//     limit            = 10
//     config { region = "eu" }
//   }
//
//   class ThingList final : public tfsdk::ListResource {
//    public:
//     std::string TypeName() const override { return "example_thing"; }
//     tfsdk::Schema GetSchema() const override {   // the `config {}` block
//       return {.attributes = {tfsdk::Attribute::String("region").Optional()}};
//     }
//     void List(const tfsdk::ListRequest& req, tfsdk::ListResultStream& stream) override {
//       for (const Thing& t : api.Things(req.config.Get<std::string>("region"))) {
//         tfsdk::ListResult r = stream.NewResult();
//         r.display_name = t.name;
//         r.identity.Set("name", t.name);
//         if (req.include_resource) r.resource.Set("name", t.name);  // ... every attribute
//         if (!stream.Send(std::move(r))) return;   // the limit is reached
//       }
//     }
//   };
//   provider.AddListResource<ThingList>();
//
// The engine checks each result: its identity is set, wholly known and matches the identity
// schema; with include_resource its resource object is wholly known and matches the
// resource schema (write-only attributes are nulled). A result with error diagnostics is
// sent with just them. Send returns false once `limit` results were sent: stop then.
// Called concurrently; must be thread-safe.
#ifndef TFSDK_LIST_RESOURCE_H_
#define TFSDK_LIST_RESOURCE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tfsdk/attributes.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"
#include "tfsdk/validator.h"

namespace tfsdk {

struct ListRequest : CallContext {
  Attributes config;              // the `config {}` block, wholly known
  bool include_resource = false;  // fill ListResult::resource
  int64_t limit = 0;              // the most results Terraform wants (0: no limit)
};

// One listed object.
struct ListResult {
  std::string display_name;  // shown by `terraform query`
  Attributes identity;       // the identity; starts with every attribute null
  Attributes resource;       // the resource object, when include_resource; starts null-valued
  Diagnostics diagnostics;   // an error makes this result carry only the diagnostics
};

// Where List sends its results. Made by the engine.
class ListResultStream {
 public:
  ListResultStream(std::function<ListResult()> make, std::function<bool(ListResult)> send)
      : make_(std::move(make)), send_(std::move(send)) {}
  // A fresh result whose identity and resource are ready to Set.
  ListResult NewResult() const { return make_(); }
  // Sends a result; false when no more are wanted (the limit is reached, or Terraform
  // went away). A problem not tied to one object: send a result with only diagnostics.
  bool Send(ListResult result) { return send_(std::move(result)); }

 private:
  std::function<ListResult()> make_;
  std::function<bool(ListResult)> send_;
};

class ListResource {
 public:
  virtual ~ListResource() = default;

  // The managed resource type listed, e.g. "example_thing".
  virtual std::string TypeName() const = 0;
  // The schema of the `config {}` block. Called once at start-up.
  virtual Schema GetSchema() const = 0;
  // Lists the objects; see the top of the file.
  virtual void List(const ListRequest& req, ListResultStream& stream) = 0;

  // Validation across attributes of the `config {}` block. Default: nothing.
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

#endif  // TFSDK_LIST_RESOURCE_H_
