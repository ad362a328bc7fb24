// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// terraform-provider-logprobe: a provider executable for log_acceptance_test. Its one
// resource, logprobe_probe, touches nothing outside Terraform's state; its Create writes
// one tfsdk::log line at each level, so the test can find them in the logs of a real
// terraform/tofu run that launched this executable.
//
//   resource "logprobe_probe" "p" {
//     path = "any text"   # required; echoed into the log lines
//   }
//   # computed: id (= path)

#include <memory>
#include <string>

#include "tfsdk/log.h"
#include "tfsdk/tfsdk.h"

namespace {

class ProbeResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "logprobe_probe"; }

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "Writes tfsdk::log lines when created.",
        .attributes = {
            tfsdk::Attribute::String("path").Required().RequiresReplace().Description(
                "Echoed into the log lines."),
            tfsdk::Attribute::String("id").Computed().Description("The path."),
        }};
  }

  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    std::string path = req.plan.Get<std::string>("path");
    tfsdk::log::Trace("tfsdk-log-probe trace line", {{"path", path}});
    tfsdk::log::Debug("tfsdk-log-probe created", {{"path", path}, {"attempt", 1}});
    tfsdk::log::Info("tfsdk-log-probe info line", {{"path", path}});
    tfsdk::log::Warn("tfsdk-log-probe warn line", {{"path", path}});
    tfsdk::log::Error("tfsdk-log-probe error line", {{"path", path}});
    resp.state.Set("id", path);
  }

  void Read(const tfsdk::ReadRequest&, tfsdk::ReadResponse&) override {}

  void Update(const tfsdk::UpdateRequest&, tfsdk::UpdateResponse&) override {}

  void Delete(const tfsdk::DeleteRequest&, tfsdk::DeleteResponse&) override {}
};

}  // namespace

int main(int argc, char** argv) {
  tfsdk::Provider provider("logprobe");
  provider.AddResource<ProbeResource>();
  return tfsdk::Serve(provider, argc, argv);
}
