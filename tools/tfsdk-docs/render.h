// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The Markdown renderer behind tfsdk-docs: registry documentation pages from the JSON that
// `terraform providers schema -json` (and every tfsdk provider's `--schema-json`) prints,
// in the layout HashiCorp's tfplugindocs generates, so a registry renders them the same:
//
//   nlohmann::json doc = nlohmann::json::parse(schema_json_text);
//   tfsdk::docs::Inputs inputs{.read_file = ReadFromDisk};   // examples/ and templates/
//   absl::StatusOr<tfsdk::docs::Pages> pages = tfsdk::docs::RenderProvider(doc, "", inputs);
//   // (*pages)["resources/file.md"] is the page of local_file, and so on:
//   //   index.md, resources/<short>.md, data-sources/<short>.md,
//   //   ephemeral-resources/<short>.md, functions/<name>.md
//
// Pages: front matter (page_title, subcategory, description as plain text), a title, the
// description, "Example Usage" from the examples folder, the schema (Required / Optional /
// Read-Only groups, each attribute with its type and Sensitive / Deprecated / Write-only
// markers, then a "Nested Schema for `path`" section with an anchor for every block, nested
// attribute and object-typed attribute), and for resources an "Import" section. Functions
// get "Signature" and "Arguments" (variadic last). A template (templates/<kind>/<name>.md.tmpl,
// or templates/index.md.tmpl) replaces the default page; see RenderTemplate for what it
// may use.
#ifndef TFSDK_TOOLS_TFSDK_DOCS_RENDER_H_
#define TFSDK_TOOLS_TFSDK_DOCS_RENDER_H_

#include <functional>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"

namespace tfsdk::docs {

using Json = nlohmann::json;

// Relative page path ("resources/file.md") -> Markdown.
using Pages = std::map<std::string, std::string>;

// Where examples and templates come from. Paths handed to `read_file` are relative to the
// provider directory (tfplugindocs' convention): "examples/resources/local_file/resource.tf",
// "templates/resources/file.md.tmpl". It returns nullopt for a file that does not exist.
struct Inputs {
  std::function<std::optional<std::string>(const std::string& path)> read_file = {};
  std::string examples_dir = "examples";    // tfplugindocs' examples layout below it
  std::string templates_dir = "templates";  // optional page templates below it
};

// The "## Schema" section of one schema object ({"version":N,"block":{...}}).
absl::StatusOr<std::string> RenderSchema(const Json& schema);

// A cty type in JSON form as a page shows it: "String", "List of Number", "Object", ...
absl::StatusOr<std::string> TypeName(const Json& type);
// As Terraform names it in a function signature: "string", "list of number", "object", ...
absl::StatusOr<std::string> FriendlyTypeName(const Json& type);

// A function's "```text\nname(a string, rest number...) bool\n```" block.
absl::StatusOr<std::string> RenderFunctionSignature(const std::string& name,
                                                    const Json& signature);
// Its numbered argument list ("1. `a` (String, Nullable) text"), the variadic one last
// ("1. `rest` (Variadic, Number) text"); empty without parameters.
absl::StatusOr<std::string> RenderFunctionArguments(const Json& signature);

// Markdown reduced to plain text for front matter: emphasis, code spans and links lose
// their markup.
std::string PlainMarkdown(const std::string& markdown);

// Expands a page template. Supported actions (tfplugindocs' names; no conditionals):
//   {{ .Name }} {{ .Type }} {{ .Description }} {{ .Summary }} {{ .ProviderName }}
//   {{ .ProviderShortName }} {{ .SchemaMarkdown }} {{ .ExampleFile }} {{ .ImportFile }}
//   {{ .FunctionSignatureMarkdown }} {{ .FunctionArgumentsMarkdown }}
//   {{ .FunctionVariadicArgumentMarkdown }}     any of them followed by `| trimspace`
//   or `| plainmarkdown`;  {{ tffile "path" }}  {{ codefile "lang" "path" }}
// An unknown action or a missing file is an error naming it.
absl::StatusOr<std::string> RenderTemplate(const std::string& text,
                                           const std::map<std::string, std::string>& fields,
                                           const Inputs& inputs);

// Every page of one provider. `provider_address` selects the entry of "provider_schemas";
// empty means the only one. The provider name is the address' last segment.
absl::StatusOr<Pages> RenderProvider(const Json& schema_document,
                                     const std::string& provider_address,
                                     const Inputs& inputs);

}  // namespace tfsdk::docs

#endif  // TFSDK_TOOLS_TFSDK_DOCS_RENDER_H_
