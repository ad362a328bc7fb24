// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Resource — a managed resource type (create, read, update, delete).
//
//   class FileResource final : public tfsdk::Resource {
//    public:
//     std::string TypeName() const override { return "local_file"; }
//     tfsdk::Schema GetSchema() const override { return {...}; }
//     void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override;
//     void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override;
//     void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override;
//     void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override;
//   };
//
// The engine does the protocol bookkeeping: computed attributes absent from the
// configuration are planned unknown, `RequiresReplace` attributes force replacement,
// responses are pre-filled (Create's state starts as the plan with unknowns to fill;
// Read's as the prior state; Update's as the plan), and any exception escaping a callback
// becomes an error diagnostic.
//
// Callbacks are called concurrently (Terraform runs up to 10 operations at once) and must be
// thread-safe. A Resource object lives as long as the provider.
#ifndef TFSDK_RESOURCE_H_
#define TFSDK_RESOURCE_H_

#include <string>

#include "tfsdk/attributes.h"
#include "tfsdk/cancellation.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/provider_data.h"
#include "tfsdk/schema.h"

namespace tfsdk {

// Context common to every callback.
struct CallContext {
  CancellationToken cancel;     // cancelled when Terraform sends StopProvider
  ProviderData provider_data;   // what the provider's Configure returned
};

struct CreateRequest : CallContext {
  Attributes config;  // the configuration as written (unknowns possible only in plan)
  Attributes plan;    // the planned state; unknown values are yours to fill
};
struct CreateResponse {
  Attributes state;   // starts as the plan; set every unknown to a known value
  Diagnostics diagnostics;
};

struct ReadRequest : CallContext {
  Attributes state;   // the prior state
};
struct ReadResponse {
  Attributes state;   // starts as the prior state; update drifted values, or
                      // state.RemoveResource() when the remote object is gone
  Diagnostics diagnostics;
};

struct UpdateRequest : CallContext {
  Attributes config;
  Attributes plan;
  Attributes state;   // the prior state
};
struct UpdateResponse {
  Attributes state;   // starts as the plan
  Diagnostics diagnostics;
};

struct DeleteRequest : CallContext {
  Attributes state;   // the prior state
};
struct DeleteResponse {
  Diagnostics diagnostics;
};

struct ImportStateRequest : CallContext {
  std::string id;     // the ID given to `terraform import` or an import block
};
struct ImportStateResponse {
  Attributes state;   // starts null-valued attributes; set what identifies the object, the
                      // engine then calls Read to fill in the rest
  Diagnostics diagnostics;
};

class Resource {
 public:
  virtual ~Resource() = default;

  // The full resource type name, e.g. "local_file".
  virtual std::string TypeName() const = 0;
  // The schema. Called once at start-up; it is validated then.
  virtual Schema GetSchema() const = 0;

  virtual void Create(const CreateRequest& req, CreateResponse& resp) = 0;
  virtual void Read(const ReadRequest& req, ReadResponse& resp) = 0;
  virtual void Update(const UpdateRequest& req, UpdateResponse& resp) = 0;
  virtual void Delete(const DeleteRequest& req, DeleteResponse& resp) = 0;

  // Import by ID. The default reports that this resource does not support import; call
  // ImportStatePassthrough(req, resp, "id") to store the ID in an attribute.
  virtual void ImportState(const ImportStateRequest& req, ImportStateResponse& resp);

 protected:
  // Sets attribute `attribute` of the imported state to the import ID.
  static void ImportStatePassthrough(const ImportStateRequest& req, ImportStateResponse& resp,
                                     const std::string& attribute);
};

}  // namespace tfsdk

#endif  // TFSDK_RESOURCE_H_
