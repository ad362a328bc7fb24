// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// terraform-provider-nestprobe: a provider whose one resource has a nested attribute, which
// plugin protocol 5 cannot express (src/serve/protocol_choice.h). protocol5_test.sh runs it
// directly (the handshake it offers) and under real terraform/tofu.
//
//   resource "nestprobe_thing" "t" {
//     name     = "x"
//     settings = { size = 2, labels = ["a"] }   # optional; size defaults to 1
//   }
//
// $TFSDK_NESTPROBE_PROTOCOLS ("5,6" when unset) is ServeOptions::protocol_versions, so a test
// can ask for protocol 5 only.

#include <cstdlib>
#include <sstream>
#include <string>

#include "tfsdk/tfsdk.h"

namespace {

class ThingResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "nestprobe_thing"; }

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .attributes = {
            tfsdk::Attribute::String("name").Required(),
            tfsdk::Attribute::SingleNested(
                "settings",
                {tfsdk::Attribute::Number("size").Optional().Computed().Default(
                     tfsdk::Value::IntVal(1)),
                 tfsdk::Attribute::Set("labels", tfsdk::Type::String()).Optional()})
                .Optional(),
        }};
  }

  // The state starts as the plan, which has every value known: nothing to add.
  void Create(const tfsdk::CreateRequest&, tfsdk::CreateResponse&) override {}
  void Read(const tfsdk::ReadRequest&, tfsdk::ReadResponse&) override {}
  void Update(const tfsdk::UpdateRequest&, tfsdk::UpdateResponse&) override {}
  void Delete(const tfsdk::DeleteRequest&, tfsdk::DeleteResponse&) override {}
};

}  // namespace

int main(int argc, char** argv) {
  tfsdk::Provider provider("nestprobe");
  provider.AddResource<ThingResource>();
  tfsdk::ServeOptions options;
  if (const char* env = std::getenv("TFSDK_NESTPROBE_PROTOCOLS"); env != nullptr && *env) {
    options.protocol_versions.clear();
    std::stringstream list(env);
    for (std::string v; std::getline(list, v, ',');) {
      options.protocol_versions.push_back(std::stoi(v));
    }
  }
  return tfsdk::Serve(provider, argc, argv, options);
}
