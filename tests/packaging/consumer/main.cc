// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The smallest provider: one data source. Its address comes from tfsdk_add_provider.

#include <string>

#include <tfsdk/tfsdk.h>

namespace {

class WidgetDataSource final : public tfsdk::DataSource {
 public:
  std::string TypeName() const override { return "widget_info"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.attributes = {tfsdk::Attribute::String("name").Computed()}};
  }
  void Read(const tfsdk::DataSourceReadRequest&, tfsdk::DataSourceReadResponse& resp) override {
    resp.state.Set("name", std::string("widget"));
  }
};

}  // namespace

int main(int argc, char** argv) {
  tfsdk::Provider provider("widget");
  provider.AddDataSource<WidgetDataSource>();
  return tfsdk::Serve(provider, argc, argv, {.address = TFSDK_PROVIDER_ADDRESS});
}
