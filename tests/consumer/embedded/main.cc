// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// A tiny provider in a project that builds tfsdk itself (add_subdirectory / FetchContent).

#include <string>

#include <tfsdk/tfsdk.h>

namespace {

class GreetingDataSource final : public tfsdk::DataSource {
 public:
  std::string TypeName() const override { return "tiny_greeting"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.attributes = {tfsdk::Attribute::String("text").Computed()}};
  }
  void Read(const tfsdk::DataSourceReadRequest&, tfsdk::DataSourceReadResponse& resp) override {
    resp.state.Set("text", std::string("hello"));
  }
};

}  // namespace

int main(int argc, char** argv) {
  tfsdk::Provider provider("tiny");
  provider.AddDataSource<GreetingDataSource>();
  return tfsdk::Serve(provider, argc, argv, {.address = TFSDK_PROVIDER_ADDRESS});
}
