// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tools/tfsdk-docs/render.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tfsdk::docs {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Json Parse(const char* text) { return Json::parse(text); }

// A schema with the one attribute `name` described by `attribute`.
Json OneAttribute(const std::string& name, const char* attribute) {
  Json schema = Parse(R"({"version":0,"block":{"attributes":{},"description_kind":"plain"}})");
  schema["block"]["attributes"][name] = Parse(attribute);
  return schema;
}

struct AttributeCase {
  const char* name;
  std::string attribute_name;
  const char* attribute;  // JSON
  const char* want;       // the whole "## Schema" section
};

class AttributeTest : public ::testing::TestWithParam<AttributeCase> {};

TEST_P(AttributeTest, LandsInItsGroupWithItsMarkers) {
  const AttributeCase& c = GetParam();
  absl::StatusOr<std::string> got = RenderSchema(OneAttribute(c.attribute_name, c.attribute));
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, c.want);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AttributeTest,
    ::testing::Values(
        AttributeCase{"required", "path", R"({"type":"string","required":true,
                                            "description":"Where."})",
                      "## Schema\n\n### Required\n\n- `path` (String) Where.\n\n"},
        AttributeCase{"optional", "mode", R"({"type":"number","optional":true})",
                      "## Schema\n\n### Optional\n\n- `mode` (Number)\n\n"},
        AttributeCase{"optional_computed_is_optional", "tags",
                      R"({"type":["list","string"],"optional":true,"computed":true})",
                      "## Schema\n\n### Optional\n\n- `tags` (List of String)\n\n"},
        AttributeCase{"computed_is_read_only", "sha", R"({"type":"bool","computed":true})",
                      "## Schema\n\n### Read-Only\n\n- `sha` (Boolean)\n\n"},
        AttributeCase{"id_without_description", "id", R"({"type":"string","optional":true})",
                      "## Schema\n\n### Read-Only\n\n- `id` (String) The ID of this "
                      "resource.\n\n"},
        AttributeCase{"id_with_description_keeps_its_group", "id",
                      R"({"type":"string","required":true,"description":"Key."})",
                      "## Schema\n\n### Required\n\n- `id` (String) Key.\n\n"},
        AttributeCase{"sensitive_deprecated", "token",
                      R"({"type":"string","optional":true,"sensitive":true,
                          "deprecated":true,"description":"Old."})",
                      "## Schema\n\n### Optional\n\n- `token` (String, Sensitive, Deprecated) "
                      "Old.\n\n"},
        AttributeCase{"write_only_gets_note_and_marker", "password",
                      R"({"type":"string","optional":true,"write_only":true})",
                      "## Schema\n\n### Optional\n\n> **NOTE**: [Write-only arguments]"
                      "(https://developer.hashicorp.com/terraform/language/resources/"
                      "ephemeral#write-only-arguments) are supported in Terraform 1.11 and "
                      "later.\n\n- `password` (String, [Write-only](https://developer."
                      "hashicorp.com/terraform/language/resources/ephemeral#write-only-"
                      "arguments))\n\n"},
        AttributeCase{"paragraphs_become_line_breaks", "x",
                      R"({"type":"dynamic","optional":true,"description":"One.\n\nTwo.\n"})",
                      "## Schema\n\n### Optional\n\n- `x` (Dynamic) One.  \nTwo.\n\n"},
        AttributeCase{"map_of_set", "m",
                      R"({"type":["map",["set","number"]],"computed":true})",
                      "## Schema\n\n### Read-Only\n\n- `m` (Map of Set of Number)\n\n"},
        AttributeCase{"tuple", "pair",
                      R"({"type":["tuple",["string","bool"]],"optional":true})",
                      "## Schema\n\n### Optional\n\n- `pair` (Tuple)\n\n"},
        AttributeCase{"object_gets_nested_section_in_its_group", "endpoint",
                      R"({"type":["object",{"port":"number","host":"string"}],
                          "computed":true})",
                      "## Schema\n\n### Read-Only\n\n- `endpoint` (Object) (see [below for "
                      "nested schema](#nestedatt--endpoint))\n\n<a id=\"nestedatt--endpoint\">"
                      "</a>\n### Nested Schema for `endpoint`\n\nRead-Only:\n\n- `host` "
                      "(String)\n- `port` (Number)\n\n\n"},
        AttributeCase{"nested_attributes", "rules",
                      R"({"nested_type":{"nesting_mode":"list","attributes":{
                            "port":{"type":"number","required":true},
                            "note":{"type":"string","computed":true}}},
                          "optional":true,"description":"Rules."})",
                      "## Schema\n\n### Optional\n\n- `rules` (Attributes List) Rules. (see "
                      "[below for nested schema](#nestedatt--rules))\n\n<a id=\"nestedatt--"
                      "rules\"></a>\n### Nested Schema for `rules`\n\nRequired:\n\n- `port` "
                      "(Number)\n\nRead-Only:\n\n- `note` (String)\n\n\n"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(RenderSchemaTest, BlocksGetNestedSectionsWithAnchorsForTheirPath) {
  Json schema = Parse(R"({"version":0,"block":{
    "attributes":{"name":{"type":"string","required":true}},
    "block_types":{
      "rule":{"nesting_mode":"list","min_items":1,"max_items":3,
              "block":{"attributes":{"port":{"type":"number","required":true}}}},
      "filter":{"nesting_mode":"set","block":{
         "attributes":{"key":{"type":"string","required":true}},
         "block_types":{"opts":{"nesting_mode":"single","block":{
            "description":"Options.","deprecated":true,
            "attributes":{"on":{"type":"bool","optional":true}}}}}}},
      "status":{"nesting_mode":"list","block":{
         "attributes":{"state":{"type":"string","computed":true}}}}}}})");
  absl::StatusOr<std::string> got = RenderSchema(schema);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got,
            "## Schema\n\n"
            "### Required\n\n"
            "- `name` (String)\n"
            "- `rule` (Block List, Min: 1, Max: 3) (see [below for nested schema]"
            "(#nestedblock--rule))\n\n"
            "### Optional\n\n"
            "- `filter` (Block Set) (see [below for nested schema](#nestedblock--filter))\n\n"
            "### Read-Only\n\n"
            "- `status` (Block List) (see [below for nested schema](#nestedblock--status))\n\n"
            "<a id=\"nestedblock--rule\"></a>\n"
            "### Nested Schema for `rule`\n\n"
            "Required:\n\n- `port` (Number)\n\n\n"
            "<a id=\"nestedblock--filter\"></a>\n"
            "### Nested Schema for `filter`\n\n"
            "Required:\n\n- `key` (String)\n\n"
            "Optional:\n\n- `opts` (Block, Optional, Deprecated) Options. (see [below for "
            "nested schema](#nestedblock--filter--opts))\n\n"
            "<a id=\"nestedblock--filter--opts\"></a>\n"
            "### Nested Schema for `filter.opts`\n\n"
            "Optional:\n\n- `on` (Boolean)\n\n\n\n"
            "<a id=\"nestedblock--status\"></a>\n"
            "### Nested Schema for `status`\n\n"
            "Read-Only:\n\n- `state` (String)\n\n\n");
}

TEST(RenderSchemaTest, OptionalBlockWithOnlyComputedContentIsAnError) {
  Json schema = Parse(R"({"block":{"block_types":{"b":{"nesting_mode":"list","max_items":1,
    "block":{"attributes":{"c":{"type":"string","computed":true}}}}}}})");
  absl::StatusOr<std::string> got = RenderSchema(schema);
  ASSERT_FALSE(got.ok());
  EXPECT_THAT(got.status().message(), HasSubstr("block b"));
}

TEST(RenderSchemaTest, UnknownTypeIsAnErrorNamingTheAttribute) {
  absl::StatusOr<std::string> got =
      RenderSchema(OneAttribute("q", R"({"type":"quantity","optional":true})"));
  ASSERT_FALSE(got.ok());
  EXPECT_THAT(got.status().message(), HasSubstr("attribute q"));
}

struct FunctionCase {
  const char* name;
  const char* signature;
  const char* want_signature;
  const char* want_arguments;
};

class FunctionTest : public ::testing::TestWithParam<FunctionCase> {};

TEST_P(FunctionTest, SignatureAndArguments) {
  const FunctionCase& c = GetParam();
  Json sig = Json::parse(c.signature);
  absl::StatusOr<std::string> signature = RenderFunctionSignature("fn", sig);
  ASSERT_TRUE(signature.ok()) << signature.status();
  EXPECT_EQ(*signature, c.want_signature);
  absl::StatusOr<std::string> arguments = RenderFunctionArguments(sig);
  ASSERT_TRUE(arguments.ok()) << arguments.status();
  EXPECT_EQ(*arguments, c.want_arguments);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FunctionTest,
    ::testing::Values(
        FunctionCase{"no_parameters", R"({"return_type":"number"})",
                     "```text\nfn() number\n```", ""},
        FunctionCase{"positional", R"({"return_type":["list","string"],"parameters":[
                        {"name":"a","type":"string","description":"First."},
                        {"name":"b","type":["map","bool"],"is_nullable":true}]})",
                     "```text\nfn(a string, b map of bool) list of string\n```",
                     "1. `a` (String) First.\n1. `b` (Map of Boolean, Nullable)"},
        FunctionCase{"variadic_last", R"({"return_type":"string","parameters":[
                        {"name":"sep","type":"string"}],
                        "variadic_parameter":{"name":"parts","type":"dynamic",
                                              "is_nullable":true,"description":"Parts."}})",
                     "```text\nfn(sep string, parts dynamic...) string\n```",
                     "1. `sep` (String)\n1. `parts` (Variadic, Dynamic, Nullable) Parts."},
        FunctionCase{"only_variadic", R"({"return_type":"bool",
                        "variadic_parameter":{"name":"xs","type":"number"}})",
                     "```text\nfn(xs number...) bool\n```", "1. `xs` (Variadic, Number)"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PlainMarkdownTest, DropsMarkup) {
  EXPECT_EQ(PlainMarkdown("A **bold** `code` [link](https://x.y) and *em*."),
            "A bold code link and em.");
}

// A small provider: one of each kind, with examples in tfplugindocs' layout.
class RenderProviderTest : public ::testing::Test {
 protected:
  Json doc_ = Parse(R"({"format_version":"1.0","provider_schemas":{
    "registry.terraform.io/tfsdk/local":{
      "provider":{"version":0,"block":{"description":"Files **on disk**.",
                                       "description_kind":"markdown"}},
      "resource_schemas":{"local_file":{"version":0,"block":{
        "description":"A file.","attributes":{"path":{"type":"string","required":true}}}}},
      "data_source_schemas":{"local_file":{"version":0,"block":{
        "attributes":{"path":{"type":"string","required":true}}}}},
      "ephemeral_resource_schemas":{"local_secret":{"version":0,"block":{
        "description":"A secret.","attributes":{"value":{"type":"string","computed":true,
                                                          "sensitive":true}}}}},
      "functions":{"sha256_file":{"summary":"Hashes a file.","description":"Long text.",
        "return_type":"string","parameters":[{"name":"path","type":"string"}]}}}}})");
  std::map<std::string, std::string> files_ = {
      {"examples/provider/provider.tf", "provider \"local\" {}\n"},
      {"examples/resources/local_file/resource.tf", "\nresource \"local_file\" \"x\" {}\n\n"},
      {"examples/resources/local_file/import.sh", "terraform import local_file.x /tmp/x\n"},
      {"examples/resources/local_file/import-by-string-id.tf", "import {}\n"},
      {"examples/functions/sha256_file/function.tf", "output \"h\" {}\n"},
  };
  Inputs Files() {
    return Inputs{.read_file = [this](const std::string& p) -> std::optional<std::string> {
      auto it = files_.find(p);
      if (it == files_.end()) return std::nullopt;
      return it->second;
    }};
  }
};

TEST_F(RenderProviderTest, OnePagePerKindAtRegistryPaths) {
  absl::StatusOr<Pages> pages = RenderProvider(doc_, "", Files());
  ASSERT_TRUE(pages.ok()) << pages.status();
  std::vector<std::string> names;
  for (const auto& [name, page] : *pages) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "data-sources/file.md", "ephemeral-resources/secret.md",
                       "functions/sha256_file.md", "index.md", "resources/file.md"}));
}

TEST_F(RenderProviderTest, ResourcePage) {
  absl::StatusOr<Pages> pages = RenderProvider(doc_, "", Files());
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_EQ(pages->at("resources/file.md"),
            "---\n# generated by tfsdk-docs\npage_title: \"local_file Resource - local\"\n"
            "subcategory: \"\"\ndescription: |-\n  A file.\n---\n\n"
            "# local_file (Resource)\n\nA file.\n\n"
            "## Example Usage\n\n```terraform\nresource \"local_file\" \"x\" {}\n```\n\n"
            "<!-- schema generated by tfsdk-docs -->\n## Schema\n\n### Required\n\n"
            "- `path` (String)\n\n"
            "## Import\n\nImport is supported using the following syntax:\n\n"
            "In Terraform v1.5.0 and later, the [`import` block](https://developer.hashicorp."
            "com/terraform/language/import) can be used with the `id` attribute, for "
            "example:\n\n```terraform\nimport {}\n```\n\n"
            "The [`terraform import` command](https://developer.hashicorp.com/terraform/cli/"
            "commands/import) can be used, for example:\n\n"
            "```shell\nterraform import local_file.x /tmp/x\n```\n");
}

TEST_F(RenderProviderTest, IndexDataSourceEphemeralAndFunctionPages) {
  absl::StatusOr<Pages> pages = RenderProvider(doc_, "", Files());
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_EQ(pages->at("index.md"),
            "---\n# generated by tfsdk-docs\npage_title: \"local Provider\"\n"
            "description: |-\n  Files on disk.\n---\n\n# local Provider\n\nFiles **on disk**."
            "\n\n## Example Usage\n\n```terraform\nprovider \"local\" {}\n```\n\n"
            "<!-- schema generated by tfsdk-docs -->\n## Schema\n");
  const std::string& ds = pages->at("data-sources/file.md");
  EXPECT_THAT(ds, HasSubstr("page_title: \"local_file Data Source - local\""));
  EXPECT_THAT(ds, HasSubstr("# local_file (Data Source)\n"));
  EXPECT_THAT(ds, Not(HasSubstr("## Example Usage")));
  EXPECT_THAT(ds, Not(HasSubstr("## Import")));
  const std::string& eph = pages->at("ephemeral-resources/secret.md");
  EXPECT_THAT(eph, HasSubstr("# local_secret (Ephemeral Resource)\n"));
  EXPECT_THAT(eph, HasSubstr("### Read-Only\n\n- `value` (String, Sensitive)\n"));
  EXPECT_EQ(pages->at("functions/sha256_file.md"),
            "---\n# generated by tfsdk-docs\npage_title: \"sha256_file function - local\"\n"
            "subcategory: \"\"\ndescription: |-\n  Hashes a file.\n---\n\n"
            "# function: sha256_file\n\nLong text.\n\n"
            "## Example Usage\n\n```terraform\noutput \"h\" {}\n```\n\n"
            "## Signature\n\n<!-- signature generated by tfsdk-docs -->\n"
            "```text\nsha256_file(path string) string\n```\n\n"
            "## Arguments\n\n<!-- arguments generated by tfsdk-docs -->\n1. `path` (String)\n");
}

TEST_F(RenderProviderTest, VariadicArgumentComesLastWithItsOwnMarker) {
  Json& fn = doc_["provider_schemas"]["registry.terraform.io/tfsdk/local"]["functions"]
                 ["sha256_file"];
  fn["variadic_parameter"] = Parse(R"({"name":"more","type":"string","description":"More."})");
  absl::StatusOr<Pages> pages = RenderProvider(doc_, "", Files());
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_THAT(pages->at("functions/sha256_file.md"),
              HasSubstr("```text\nsha256_file(path string, more string...) string\n```\n\n"
                        "## Arguments\n\n<!-- arguments generated by tfsdk-docs -->\n"
                        "1. `path` (String)\n"
                        "<!-- variadic argument generated by tfsdk-docs -->\n"
                        "1. `more` (Variadic, String) More.\n"));
  fn.erase("parameters");
  pages = RenderProvider(doc_, "", Files());
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_THAT(pages->at("functions/sha256_file.md"),
              HasSubstr("<!-- arguments generated by tfsdk-docs -->\n"
                        "<!-- variadic argument generated by tfsdk-docs -->\n"
                        "1. `more` (Variadic, String) More.\n"));
}

TEST_F(RenderProviderTest, DeprecatedFunctionSaysSo) {
  doc_["provider_schemas"]["registry.terraform.io/tfsdk/local"]["functions"]["sha256_file"]
      ["deprecation_message"] = "Use filesha256.";
  absl::StatusOr<Pages> pages = RenderProvider(doc_, "", Files());
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_THAT(pages->at("functions/sha256_file.md"),
              HasSubstr("# function: sha256_file\n\n~> **Deprecated:** Use filesha256.\n\n"));
}

TEST_F(RenderProviderTest, TemplateReplacesTheDefaultPage) {
  files_["templates/resources/file.md.tmpl"] =
      "# {{ .Name }} ({{.Type}}) of {{ .ProviderName }}\n\n{{ .Description | trimspace }}\n\n"
      "{{ tffile \"examples/resources/local_file/resource.tf\" }}\n\n"
      "{{ .SchemaMarkdown | trimspace }}\n\n"
      "{{ codefile \"shell\" .ImportFile }}\n";
  absl::StatusOr<Pages> pages = RenderProvider(doc_, "", Files());
  // `codefile` with a field argument is not supported: a clear error.
  ASSERT_FALSE(pages.ok());
  EXPECT_THAT(pages.status().message(), HasSubstr("templates/resources/file.md.tmpl"));
  EXPECT_THAT(pages.status().message(), HasSubstr("codefile"));

  files_["templates/resources/file.md.tmpl"] =
      "# {{ .Name }} ({{.Type}}) of {{ .ProviderName }}\n\n{{ .Description | trimspace }}\n\n"
      "{{ tffile \"examples/resources/local_file/resource.tf\" }}\n\n"
      "{{ .SchemaMarkdown | trimspace }}\n";
  pages = RenderProvider(doc_, "", Files());
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_EQ(pages->at("resources/file.md"),
            "# local_file (Resource) of local\n\nA file.\n\n"
            "```terraform\nresource \"local_file\" \"x\" {}\n```\n\n"
            "<!-- schema generated by tfsdk-docs -->\n## Schema\n\n### Required\n\n"
            "- `path` (String)\n");
}

TEST_F(RenderProviderTest, EmptyDescriptionLeavesNoTrailingWhitespace) {
  doc_["provider_schemas"]["registry.terraform.io/tfsdk/local"]["provider"]["block"].erase(
      "description");
  absl::StatusOr<Pages> pages = RenderProvider(doc_, "", Files());
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_THAT(pages->at("index.md"), HasSubstr("description: |-\n---\n\n# local Provider\n"));
  EXPECT_THAT(pages->at("data-sources/file.md"), HasSubstr("description: |-\n---\n"));
}

TEST_F(RenderProviderTest, MultilineDescriptionIsIndentedInFrontMatter) {
  doc_["provider_schemas"]["registry.terraform.io/tfsdk/local"]["resource_schemas"]
      ["local_file"]["block"]["description"] = "One `x`.\n\nTwo.";
  absl::StatusOr<Pages> pages = RenderProvider(doc_, "", Files());
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_THAT(pages->at("resources/file.md"),
              HasSubstr("description: |-\n  One x.\n\n  Two.\n---\n\n# local_file (Resource)"
                        "\n\nOne `x`.\n\nTwo.\n"));
}

TEST_F(RenderProviderTest, UnknownProviderAddressIsAnError) {
  absl::StatusOr<Pages> pages = RenderProvider(doc_, "example.com/x/y", Files());
  ASSERT_FALSE(pages.ok());
  EXPECT_THAT(pages.status().message(), HasSubstr("example.com/x/y"));
}

}  // namespace
}  // namespace tfsdk::docs
