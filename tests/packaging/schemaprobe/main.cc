// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// terraform-provider-schemaprobe: schemas using every schema feature, so the packaging
// tests can compare `--schema-json` with what terraform and tofu print for it. Its
// callbacks are never run (the tests only ask for schemas).

#include <optional>
#include <string>

#include <tfsdk/tfsdk.h>

namespace {

using tfsdk::Attribute;
using tfsdk::Block;
using tfsdk::Schema;
using tfsdk::Type;

class ProbeResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "schemaprobe_thing"; }
  std::optional<tfsdk::IdentitySchema> GetIdentitySchema() const override {
    return tfsdk::IdentitySchema{
        .version = 1,
        .attributes = {tfsdk::IdentityAttribute::String("name").RequiredForImport().Description(
                           "The thing's name."),
                       tfsdk::IdentityAttribute::String("region").OptionalForImport(),
                       tfsdk::IdentityAttribute::List("ids", Type::Number()).OptionalForImport()}};
  }
  Schema GetSchema() const override {
    Attribute old = Attribute::String("old_name").Optional();
    old.Deprecated("use name");
    return Schema{
        .version = 2,
        .description = "A **thing**.",
        .description_kind = tfsdk::StringKind::kMarkdown,
        .attributes =
            {
                Attribute::String("id").Computed().Description("Identifier."),
                Attribute::String("name").Required().MarkdownDescription("The `name`."),
                Attribute::String("secret").Optional().Sensitive(),
                Attribute::Number("count").Optional().Computed(),
                Attribute::Bool("enabled").Optional(),
                Attribute::Dynamic("anything").Optional(),
                Attribute::List("tags", Type::String()).Optional(),
                Attribute::Set("ports", Type::Number()).Optional(),
                Attribute::Map("labels", Type::String()).Optional(),
                Attribute::Object("endpoint", {{"host", Type::String()}, {"port", Type::Number()}},
                                  {"port"})
                    .Optional(),
                Attribute::Typed("pair", Type::Tuple({Type::String(), Type::Bool()})).Optional(),
                old,
                Attribute::SingleNested("single",
                                        {Attribute::String("a").Required(),
                                         Attribute::String("b").Optional().Sensitive()})
                    .Optional(),
                Attribute::ListNested("list", {Attribute::Number("n").Optional().Computed()})
                    .Optional(),
                Attribute::SetNested("set", {Attribute::String("s").Required()}).Optional(),
                Attribute::MapNested(
                    "map", {Attribute::ListNested("inner", {Attribute::Bool("x").Optional()})
                                .Optional()})
                    .Computed(),
            },
        .blocks =
            {
                Block::List("rule", Block{.attributes = {Attribute::Number("port")
                                                                   .Required()}})
                    .MinItems(1)
                    .MaxItems(3),
                Block::Set("filter", Block{.attributes = {Attribute::String("key")
                                                                    .Required()},
                                                 .blocks = {Block::Single(
                                                     "opts", Block{.attributes = {
                                                                       Attribute::Bool("on")
                                                                           .Optional()}})}}),
                Block::Single("settings",
                                    Block{.description = "Settings.",
                                          .attributes = {Attribute::String("mode").Optional()}}),
                Block::Map("named", Block{.attributes = {Attribute::String("v")
                                                                   .Optional()}}),
                Block::Group("timeouts", Block{.attributes = {Attribute::String("create")
                                                                        .Optional()}}),
            },
    };
  }
  void Create(const tfsdk::CreateRequest&, tfsdk::CreateResponse&) override {}
  void Read(const tfsdk::ReadRequest&, tfsdk::ReadResponse&) override {}
  void Update(const tfsdk::UpdateRequest&, tfsdk::UpdateResponse&) override {}
  void Delete(const tfsdk::DeleteRequest&, tfsdk::DeleteResponse&) override {}
};

class ProbeDataSource final : public tfsdk::DataSource {
 public:
  std::string TypeName() const override { return "schemaprobe_info"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("query").Required(),
                                 Attribute::List("results", Type::String()).Computed()}};
  }
  void Read(const tfsdk::DataSourceReadRequest&, tfsdk::DataSourceReadResponse&) override {}
};

class ProbeEphemeral final : public tfsdk::EphemeralResource {
 public:
  std::string TypeName() const override { return "schemaprobe_secret"; }
  Schema GetSchema() const override {
    return Schema{
        .description = "A secret, never stored.",
        .attributes = {Attribute::String("name").Required().Description("Which secret."),
                       Attribute::String("value").Computed().Sensitive(),
                       Attribute::SingleNested("meta", {Attribute::Number("ttl").Computed()})
                           .Computed()},
        .blocks = {Block::List("scope", Block{.attributes = {Attribute::String("key")
                                                                 .Required()}})}};
  }
  void Open(const tfsdk::EphemeralOpenRequest&, tfsdk::EphemeralOpenResponse&) override {}
};

// Every part of a function signature: documented, nullable, dynamic and variadic
// parameters, a collection return type, a deprecation.
class ProbeFunction final : public tfsdk::Function {
 public:
  std::string Name() const override { return "join_all"; }
  tfsdk::FunctionDefinition Definition() const override {
    return {.parameters = {{.name = "separator",
                            .type = Type::String(),
                            .description = "Put between the parts."},
                           {.name = "prefix",
                            .type = Type::String(),
                            .description = "Put first; null for none.",
                            .description_kind = tfsdk::StringKind::kMarkdown,
                            .allow_null_value = true},
                           {.name = "extra", .type = Type::Dynamic(),
                            .allow_unknown_values = true}},
            .variadic_parameter = tfsdk::FunctionParameter{.name = "parts",
                                                           .type = Type::String(),
                                                           .description = "The parts."},
            .return_type = Type::List(Type::String()),
            .summary = "Joins parts.",
            .description = "Joins `parts` with a separator.",
            .description_kind = tfsdk::StringKind::kMarkdown};
  }
  void Run(const tfsdk::FunctionRunRequest&, tfsdk::FunctionRunResponse&) override {}
};

class ProbeList final : public tfsdk::ListResource {
 public:
  std::string TypeName() const override { return "schemaprobe_thing"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("region").Optional().Description("Filter."),
                                 Attribute::Number("page_size").Optional()}};
  }
  void List(const tfsdk::ListRequest&, tfsdk::ListResultStream&) override {}
};

class ProbeOldFunction final : public tfsdk::Function {
 public:
  std::string Name() const override { return "old"; }
  tfsdk::FunctionDefinition Definition() const override {
    return {.return_type = Type::Bool(), .deprecation_message = "Use join_all."};
  }
  void Run(const tfsdk::FunctionRunRequest&, tfsdk::FunctionRunResponse&) override {}
};

class ProbeProvider final : public tfsdk::Provider {
 public:
  ProbeProvider() : Provider("schemaprobe") {}
  Schema GetSchema() const override {
    return Schema{.description = "The schema probe.",
                  .attributes = {Attribute::String("region").Optional(),
                                 Attribute::String("token").Optional().Sensitive()},
                  .blocks = {Block::List("assume_role",
                                               Block{.attributes = {Attribute::String("arn")
                                                                        .Required()}})
                                 .MaxItems(1)}};
  }
};

}  // namespace

int main(int argc, char** argv) {
  ProbeProvider provider;
  provider.AddResource<ProbeResource>();
  provider.AddDataSource<ProbeDataSource>();
  provider.AddEphemeralResource<ProbeEphemeral>();
  provider.AddFunction<ProbeFunction>();
  provider.AddFunction<ProbeOldFunction>();
  provider.AddListResource<ProbeList>();
  return tfsdk::Serve(provider, argc, argv);
}
