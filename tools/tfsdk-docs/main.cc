// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk-docs: registry documentation for a provider, like HashiCorp's tfplugindocs.
//
//   tfsdk-docs --provider ./terraform-provider-local [--provider-dir examples/local]
//   tfsdk-docs --schema-json schema.json [--provider-dir DIR] [--check]
//
// Reads the schema (from a file, or by running the provider with --schema-json), the
// examples (DIR/examples in tfplugindocs' layout) and optional templates (DIR/templates),
// and writes DIR/docs: index.md, resources/, data-sources/, ephemeral-resources/,
// functions/. Stale pages in those folders are removed. --check writes nothing and exits 1
// when DIR/docs differs from what it would write (for CI).

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tools/tfsdk-docs/render.h"

namespace {

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: tfsdk-docs (--schema-json FILE | --provider EXECUTABLE) [options]\n"
    "  --provider-dir DIR      provider root with examples/ and templates/ (default: .)\n"
    "  --examples-dir DIR      examples folder (default: DIR/examples)\n"
    "  --templates-dir DIR     templates folder (default: DIR/templates)\n"
    "  --docs-dir DIR          output folder (default: DIR/docs)\n"
    "  --provider-address A    which provider of the schema (default: the only one)\n"
    "  --check                 write nothing; exit 1 if the docs folder is not current\n";

// The managed folders: everything else in the docs folder is the author's.
constexpr std::array<const char*, 4> kPageDirs = {"resources", "data-sources",
                                                  "ephemeral-resources", "functions"};

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `executable --schema-json` and returns its standard output.
std::optional<std::string> RunProvider(const std::string& executable) {
  // Single-quoted for the shell, each ' in the path written as '\''.
  std::string quoted;
  for (char c : executable) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  std::string command = "'" + quoted + "' --schema-json";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  if (pclose(pipe) != 0) return std::nullopt;
  return out;
}

// The pages now in the docs folder (only those tfsdk-docs manages).
std::set<std::string> ExistingPages(const fs::path& docs) {
  std::set<std::string> out;
  if (fs::exists(docs / "index.md")) out.insert("index.md");
  for (const char* dir : kPageDirs) {
    if (!fs::is_directory(docs / dir)) continue;
    for (const auto& entry : fs::directory_iterator(docs / dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".md") {
        out.insert(std::string(dir) + "/" + entry.path().filename().string());
      }
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string schema_file;
  std::string provider;
  std::string provider_address;
  fs::path provider_dir = ".";
  std::optional<fs::path> examples_dir;
  std::optional<fs::path> templates_dir;
  std::optional<fs::path> docs_dir;
  bool check = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "tfsdk-docs: " << arg << " needs a value\n" << kUsage;
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--schema-json") {
      schema_file = value();
    } else if (arg == "--provider") {
      provider = value();
    } else if (arg == "--provider-dir") {
      provider_dir = value();
    } else if (arg == "--examples-dir") {
      examples_dir = value();
    } else if (arg == "--templates-dir") {
      templates_dir = value();
    } else if (arg == "--docs-dir") {
      docs_dir = value();
    } else if (arg == "--provider-address") {
      provider_address = value();
    } else if (arg == "--check") {
      check = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      std::cerr << "tfsdk-docs: unknown argument " << arg << "\n" << kUsage;
      return 2;
    }
  }
  if (schema_file.empty() == provider.empty()) {
    std::cerr << "tfsdk-docs: give exactly one of --schema-json and --provider\n" << kUsage;
    return 2;
  }

  std::optional<std::string> text =
      provider.empty() ? ReadFile(schema_file) : RunProvider(provider);
  if (!text) {
    std::cerr << "tfsdk-docs: cannot read the schema from "
              << (provider.empty() ? schema_file : provider + " --schema-json") << "\n";
    return 1;
  }
  tfsdk::docs::Json doc = tfsdk::docs::Json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    std::cerr << "tfsdk-docs: the schema is not JSON\n";
    return 1;
  }

  // Paths inside pages and templates stay relative to the provider directory, as
  // tfplugindocs keeps them; explicit folders are used as given.
  fs::path examples = examples_dir.value_or(provider_dir / "examples");
  fs::path templates = templates_dir.value_or(provider_dir / "templates");
  fs::path docs = docs_dir.value_or(provider_dir / "docs");
  tfsdk::docs::Inputs inputs{
      .read_file = [&](const std::string& path) -> std::optional<std::string> {
        fs::path p(path);
        if (path.rfind("examples/", 0) == 0) {
          p = examples / path.substr(9);
        } else if (path.rfind("templates/", 0) == 0) {
          p = templates / path.substr(10);
        } else if (p.is_relative()) {
          p = provider_dir / p;
        }
        if (!fs::is_regular_file(p)) return std::nullopt;
        return ReadFile(p);
      },
  };
  absl::StatusOr<tfsdk::docs::Pages> pages =
      tfsdk::docs::RenderProvider(doc, provider_address, inputs);
  if (!pages.ok()) {
    std::cerr << "tfsdk-docs: " << pages.status().message() << "\n";
    return 1;
  }

  std::set<std::string> existing = ExistingPages(docs);
  if (check) {
    std::vector<std::string> problems;
    for (const auto& [rel, content] : *pages) {
      std::optional<std::string> now = ReadFile(docs / rel);
      if (!now) {
        problems.push_back("missing: " + rel);
      } else if (*now != content) {
        problems.push_back("differs: " + rel);
      }
    }
    for (const std::string& rel : existing) {
      if (!pages->count(rel)) problems.push_back("stale: " + rel);
    }
    if (problems.empty()) {
      std::cout << "tfsdk-docs: " << docs.string() << " is current (" << pages->size()
                << " pages)\n";
      return 0;
    }
    std::cerr << "tfsdk-docs: " << docs.string() << " is not current:\n";
    for (const std::string& p : problems) std::cerr << "  " << p << "\n";
    return 1;
  }

  for (const std::string& rel : existing) {
    if (!pages->count(rel)) fs::remove(docs / rel);
  }
  for (const auto& [rel, content] : *pages) {
    fs::path path = docs / rel;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) {
      std::cerr << "tfsdk-docs: cannot write " << path.string() << "\n";
      return 1;
    }
  }
  std::cout << "tfsdk-docs: wrote " << pages->size() << " pages to " << docs.string() << "\n";
  return 0;
}
