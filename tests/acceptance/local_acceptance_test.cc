// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Acceptance tests of the "local" example provider (examples/local/) with the real
// Terraform and OpenTofu binaries, the provider served in-process through
// TF_REATTACH_PROVIDERS, over protocol 6 and over protocol 5. Every test runs each case
// against both binaries (tfsdk::testing::Run).

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "local_provider.h"
#include "src/testing/command.h"
#include "tfsdk/testing/acceptance.h"

namespace {

using tfsdk::testing::CheckAttr;
using tfsdk::testing::CheckAttrPair;
using tfsdk::testing::CheckFunc;
using tfsdk::testing::CheckNoAttr;
using tfsdk::testing::CheckResourceAbsent;
using tfsdk::testing::CheckResourceExists;
using tfsdk::testing::ExpectKnownValue;
using tfsdk::testing::ExpectUnknownValue;
using tfsdk::testing::State;
using tfsdk::testing::Step;
using tfsdk::testing::TestCase;

// SHA-256 of "hello" and of "hello, world", computed independently of the provider
// (`printf %s hello | sha256sum`).
constexpr char kHelloSha256[] =
    "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
constexpr char kHelloWorldSha256[] =
    "09ca7e4eaa6e8ae9c7d261167129184883644d07dfba7cbfbc4c8a2e08360d5b";

using tfsdk::internal::FileExists;

std::string ReadAll(const std::string& path) { return tfsdk::internal::ReadTextFile(path); }

// "" if `path` holds exactly `content` with permission bits `mode`.
std::string FileIs(const std::string& path, const std::string& content, mode_t mode) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return path + " does not exist: " + std::strerror(errno);
  std::string got = ReadAll(path);
  if (got != content) return path + " holds \"" + got + "\", want \"" + content + "\"";
  if ((st.st_mode & 07777) != mode) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "mode %04o, want %04o", st.st_mode & 07777, mode);
    return path + " has " + buf;
  }
  return "";
}

tfsdk::testing::Check DiskHas(const std::string& path, const std::string& content,
                              mode_t mode = 0644) {
  return CheckFunc("the file " + path + " holds \"" + content + "\"",
                   [=](const State&) { return FileIs(path, content, mode); });
}

tfsdk::testing::Check DiskLacks(const std::string& path) {
  return CheckFunc("the file " + path + " does not exist", [=](const State&) -> std::string {
    return FileExists(path) ? path + " still exists" : "";
  });
}

std::string FileConfig(const std::string& name, const std::string& path,
                       const std::string& content, const std::string& extra = {}) {
  return "resource \"local_file\" \"" + name + "\" {\n  path    = \"" + path +
         "\"\n  content = \"" + content + "\"\n" + extra + "}\n";
}

class LocalProviderTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override { ASSERT_TRUE(dir_.ok()) << "cannot create a temporary directory"; }

  TestCase NewCase() {
    TestCase tc;
    tc.provider_factory = [] { return tfsdk_examples::MakeLocalProvider(); };
    tc.protocol_version = GetParam();
    return tc;
  }
  std::string PathOf(const std::string& name) const { return dir_.path() + "/" + name; }

  tfsdk::internal::TempDir dir_{"tfsdk-local-"};
};

TEST_P(LocalProviderTest, CreateUpdateReplaceImportDestroy) {
  const std::string a = PathOf("a.txt");
  const std::string b = PathOf("b.txt");
  TestCase tc = NewCase();
  tc.steps = {
      // Create: computed attributes are filled in, file_permission defaults to 0644 — in
      // the plan already (the schema's default), not "(known after apply)".
      Step{.config = FileConfig("f", a, "hello"),
           .expect_actions = {{"local_file.f", "create"}},
           .checks = {CheckAttr("local_file.f", "path", a),
                      CheckAttr("local_file.f", "content", "hello"),
                      CheckAttr("local_file.f", "sha256", kHelloSha256),
                      CheckAttr("local_file.f", "file_permission", "0644"),
                      CheckAttr("local_file.f", "id", a), DiskHas(a, "hello")},
           .plan_checks = {ExpectKnownValue("local_file.f", "file_permission", "0644"),
                           ExpectUnknownValue("local_file.f", "sha256")}},
      // Content change: updated in place, the hash follows.
      Step{.config = FileConfig("f", a, "hello, world"),
           .expect_actions = {{"local_file.f", "update"}},
           .checks = {CheckAttr("local_file.f", "content", "hello, world"),
                      CheckAttr("local_file.f", "sha256", kHelloWorldSha256),
                      CheckAttr("local_file.f", "file_permission", "0644"),
                      DiskHas(a, "hello, world")}},
      // Permission change: also in place.
      Step{.config = FileConfig("f", a, "hello, world", "  file_permission = \"0600\"\n"),
           .expect_actions = {{"local_file.f", "update"}},
           .checks = {CheckAttr("local_file.f", "file_permission", "0600"),
                      DiskHas(a, "hello, world", 0600)}},
      // Path change (RequiresReplace): the old file goes, a new one comes.
      Step{.config = FileConfig("f", b, "hello, world", "  file_permission = \"0600\"\n"),
           .expect_actions = {{"local_file.f", "replace"}},
           .checks = {CheckAttr("local_file.f", "path", b), CheckAttr("local_file.f", "id", b),
                      DiskHas(b, "hello, world", 0600), DiskLacks(a)}},
      // Import by path with the `import` command; the imported state matches.
      Step{.import_state = true, .resource_name = "local_file.f", .import_id = b,
           .import_verify = true},
      // The same with an import block; the ID defaults to the "id" attribute.
      Step{.import_state = true, .resource_name = "local_file.f", .import_verify = true,
           .import_with_block = true},
  };
  tc.check_destroy = [b](const State& s) -> std::string {
    if (s.Find("local_file.f") != nullptr) return "local_file.f is still in the state";
    return FileExists(b) ? b + " still exists after destroy" : "";
  };
  tfsdk::testing::Run(tc);
  EXPECT_FALSE(FileExists(a));
  EXPECT_FALSE(FileExists(b));
}

TEST_P(LocalProviderTest, DriftIsDetectedAndRepaired) {
  const std::string a = PathOf("drift.txt");
  const std::string config = FileConfig("f", a, "hello");
  TestCase tc = NewCase();
  tc.steps = {
      Step{.config = config, .checks = {DiskHas(a, "hello")}},
      // Content edited behind Terraform's back: the plan wants to put it back.
      Step{.pre_config = [a] { std::ofstream(a, std::ios::trunc) << "tampered"; },
           .expect_actions = {{"local_file.f", "update"}},
           .plan_only = true,
           .expect_non_empty_plan = true},
      // A refresh records the drifted content in the state.
      Step{.checks = {CheckAttr("local_file.f", "content", "tampered"),
                      CheckAttr("local_file.f", "sha256",
                                tfsdk_examples::Sha256Hex("tampered"))},
           .expect_non_empty_plan = true,
           .refresh_state = true},
      // Apply repairs it in place.
      Step{.config = config,
           .expect_actions = {{"local_file.f", "update"}},
           .checks = {CheckAttr("local_file.f", "content", "hello"),
                      CheckAttr("local_file.f", "sha256", kHelloSha256),
                      DiskHas(a, "hello")}},
      // File deleted behind Terraform's back: Read removes it from state, so it is
      // planned for creation again.
      Step{.pre_config = [a] { ::unlink(a.c_str()); },
           .expect_actions = {{"local_file.f", "create"}},
           .plan_only = true,
           .expect_non_empty_plan = true},
      Step{.config = config,
           .expect_actions = {{"local_file.f", "create"}},
           .checks = {CheckResourceExists("local_file.f"), DiskHas(a, "hello")}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_FALSE(FileExists(a));
}

TEST_P(LocalProviderTest, DataSourceReadsAFile) {
  const std::string src = PathOf("source.txt");
  const std::string copy = PathOf("copy.txt");
  ASSERT_TRUE(tfsdk::internal::WriteTextFile(src, "hello"));
  TestCase tc = NewCase();
  tc.steps = {
      Step{.config = "data \"local_file\" \"src\" {\n  path = \"" + src +
                     "\"\n}\n"
                     "resource \"local_file\" \"copy\" {\n  path    = \"" + copy +
                     "\"\n  content = data.local_file.src.content\n}\n",
           .checks = {CheckAttr("data.local_file.src", "content", "hello"),
                      CheckAttr("data.local_file.src", "sha256", kHelloSha256),
                      CheckAttrPair("local_file.copy", "sha256", "data.local_file.src",
                                    "sha256"),
                      DiskHas(copy, "hello")}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_TRUE(FileExists(src)) << "a data source must not touch the file";
  EXPECT_FALSE(FileExists(copy));
}

TEST_P(LocalProviderTest, ErrorsAreReportedWithTheAuthorsDiagnostics) {
  const std::string ok = PathOf("ok.txt");
  const std::string missing_dir = PathOf("no-such-dir") + "/x.txt";
  TestCase tc = NewCase();
  tc.steps = {
      // Create fails: the author's diagnostic reaches the practitioner.
      Step{.config = FileConfig("bad", missing_dir, "x"),
           .expect_error = "Cannot create file.*No such file or directory"},
      // A bad file_permission is refused by the schema's validator at plan time, against
      // the attribute, before anything is written.
      Step{.config = FileConfig("perm", ok, "x", "  file_permission = \"rwx\"\n"),
           .expect_error = "Invalid Attribute Value Match[\\s\\S]*file_permission[\\s\\S]*"
                           "three or four octal digits",
           .plan_only = true},
      // The data source cannot read a missing file.
      Step{.config = "data \"local_file\" \"gone\" {\n  path = \"" + missing_dir + "\"\n}\n",
           .expect_error = "Cannot read file"},
      // Importing a file that does not exist: Read finds nothing, Terraform refuses.
      Step{.config = FileConfig("imp", missing_dir, "x"),
           .expect_error = "non-existent remote object",
           .import_state = true,
           .resource_name = "local_file.imp",
           .import_id = missing_dir},
      // After the failures, a good configuration still applies.
      Step{.config = FileConfig("perm", ok, "x", "  file_permission = \"0640\"\n"),
           .checks = {CheckAttr("local_file.perm", "file_permission", "0640"),
                      CheckNoAttr("local_file.perm", "no_such_attribute"),
                      CheckResourceAbsent("local_file.bad"), DiskHas(ok, "x", 0640)}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_FALSE(FileExists(ok));
}

// "" if `path` is a directory with permission bits `mode`.
std::string DirectoryIs(const std::string& path, mode_t mode) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return path + " does not exist: " + std::strerror(errno);
  if (!S_ISDIR(st.st_mode)) return path + " is not a directory";
  if ((st.st_mode & 07777) != mode) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "mode %04o, want %04o", st.st_mode & 07777, mode);
    return path + " has " + buf;
  }
  return "";
}

tfsdk::testing::Check DiskHasDirectory(const std::string& path, mode_t mode) {
  return CheckFunc("the directory " + path + " exists",
                   [=](const State&) { return DirectoryIs(path, mode); });
}

std::string DirectoryConfig(const std::string& path, const std::string& extra = {}) {
  return "resource \"local_directory\" \"d\" {\n  path = \"" + path + "\"\n" + extra + "}\n";
}

TEST_P(LocalProviderTest, DirectoryCreateUpdateImportDriftAndRecursiveDestroy) {
  const std::string top = PathOf("tree");
  const std::string dir = top + "/a/b";  // the parents do not exist yet
  TestCase tc = NewCase();
  tc.steps = {
      // Create: parents made, default permissions 0755 whatever the umask.
      Step{.config = DirectoryConfig(dir),
           .expect_actions = {{"local_directory.d", "create"}},
           .checks = {CheckAttr("local_directory.d", "path", dir),
                      CheckAttr("local_directory.d", "permissions", "0755"),
                      CheckAttr("local_directory.d", "id", dir), DiskHasDirectory(dir, 0755)}},
      // Permissions change in place.
      Step{.config = DirectoryConfig(dir, "  permissions = \"0700\"\n"),
           .expect_actions = {{"local_directory.d", "update"}},
           .checks = {CheckAttr("local_directory.d", "permissions", "0700"),
                      DiskHasDirectory(dir, 0700)}},
      // chmod behind Terraform's back: the plan puts the configured bits back.
      Step{.pre_config = [dir] { ::chmod(dir.c_str(), 0750); },
           .expect_actions = {{"local_directory.d", "update"}},
           .plan_only = true,
           .expect_non_empty_plan = true},
      Step{.config = DirectoryConfig(dir, "  permissions = \"0700\"\n"),
           .checks = {DiskHasDirectory(dir, 0700)}},
      // Import by path, both ways.
      Step{.import_state = true, .resource_name = "local_directory.d", .import_id = dir,
           .import_verify = true},
      Step{.import_state = true, .resource_name = "local_directory.d", .import_verify = true,
           .import_with_block = true},
      // Removed out of band: planned for creation again, and created.
      Step{.pre_config = [dir] { std::filesystem::remove_all(dir); },
           .expect_actions = {{"local_directory.d", "create"}},
           .plan_only = true,
           .expect_non_empty_plan = true},
      Step{.config = DirectoryConfig(dir, "  permissions = \"0700\"\n"),
           .expect_actions = {{"local_directory.d", "create"}},
           .checks = {DiskHasDirectory(dir, 0700)}},
      // Files inside (not managed by Terraform) go with the directory on destroy.
      Step{.pre_config =
               [dir] {
                 std::filesystem::create_directories(dir + "/sub");
                 std::ofstream(dir + "/sub/f.txt") << "x";
               },
           .config = DirectoryConfig(dir, "  permissions = \"0700\"\n"),
           .expect_actions = {{"local_directory.d", "no-op"}}},
  };
  tc.check_destroy = [dir](const State&) -> std::string {
    return FileExists(dir) ? dir + " still exists after destroy" : "";
  };
  tfsdk::testing::Run(tc);
  EXPECT_FALSE(FileExists(dir));
  EXPECT_TRUE(FileExists(top + "/a")) << "only the managed directory is removed";
}

TEST_P(LocalProviderTest, DirectoryErrors) {
  const std::string file = PathOf("plain.txt");
  const std::string existing = PathOf("existing");
  ASSERT_TRUE(tfsdk::internal::WriteTextFile(file, "x"));
  ASSERT_EQ(::mkdir(existing.c_str(), 0755), 0);
  TestCase tc = NewCase();
  tc.steps = {
      // A parent that is a file.
      Step{.config = DirectoryConfig(file + "/sub"), .expect_error = "Cannot create directory"},
      // An existing directory is not adopted silently: the error says to import it.
      Step{.config = DirectoryConfig(existing),
           .expect_error = "Cannot create directory[\\s\\S]*import"},
      Step{.config = DirectoryConfig(PathOf("ok"), "  permissions = \"9\"\n"),
           .expect_error = "Invalid Attribute Value Match[\\s\\S]*permissions[\\s\\S]*"
                           "three or four octal digits",
           .plan_only = true},
      // The refused value left nothing behind; fixed, it applies (and the final destroy
      // runs with a valid configuration).
      Step{.config = DirectoryConfig(PathOf("ok"), "  permissions = \"750\"\n"),
           .checks = {CheckAttr("local_directory.d", "permissions", "750"),
                      DiskHasDirectory(PathOf("ok"), 0750)}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_TRUE(FileExists(existing)) << "a failed create must not remove what was there";
}

TEST_P(LocalProviderTest, Sha256FileFunction) {
  const std::string src = PathOf("hashed.txt");
  const std::string out = PathOf("digest.txt");
  ASSERT_TRUE(tfsdk::internal::WriteTextFile(src, "hello"));
  auto config = [&](const std::string& path) {
    return FileConfig("digest", out, "${provider::local::sha256_file(\"" + path + "\")}");
  };
  TestCase tc = NewCase();
  tc.steps = {
      // (Each binary runs all steps in turn: start from "hello" every time.)
      Step{.pre_config = [src] { std::ofstream(src, std::ios::trunc) << "hello"; },
           .config = config(src),
           .checks = {CheckAttr("local_file.digest", "content", kHelloSha256),
                      DiskHas(out, kHelloSha256)}},
      // The file changes: the next plan sees the new digest.
      Step{.pre_config = [src] { std::ofstream(src, std::ios::trunc) << "hello, world"; },
           .config = config(src),
           .expect_actions = {{"local_file.digest", "update"}},
           .checks = {CheckAttr("local_file.digest", "content", kHelloWorldSha256)}},
      // A missing file is a function error naming the file.
      Step{.config = config(PathOf("missing.txt")),
           .expect_error = "Cannot read[\\s\\S]*missing\\.txt"},
  };
  tfsdk::testing::Run(tc);
}

// The ephemeral resource reads a secret during plan and apply; a precondition compares it
// (ephemeral values may be used there), and the state never holds it.
TEST_P(LocalProviderTest, SensitiveFileEphemeralIsReadButNeverStored) {
  const std::string secret = PathOf("secret.txt");
  const std::string marker = PathOf("marker.txt");
  ASSERT_TRUE(tfsdk::internal::WriteTextFile(secret, "s3cret-value"));
  auto config = [&](const std::string& path, const std::string& want) {
    return "ephemeral \"local_sensitive_file\" \"token\" {\n  path = \"" + path +
           "\"\n}\n"
           "resource \"local_file\" \"marker\" {\n  path    = \"" + marker +
           "\"\n  content = \"checked\"\n"
           "  lifecycle {\n    precondition {\n"
           "      condition     = ephemeral.local_sensitive_file.token.content == \"" + want +
           "\" && ephemeral.local_sensitive_file.token.sha256 == \"" +
           tfsdk_examples::Sha256Hex(want) +
           "\"\n      error_message = \"the secret is not " + want + "\"\n    }\n  }\n}\n";
  };
  auto not_stored = CheckFunc("the state does not hold the secret", [](const State& s) {
    return s.json.find("s3cret-value") == std::string::npos ? std::string()
                                                             : "the secret is in the state";
  });
  TestCase tc = NewCase();
  tc.steps = {
      Step{.config = config(secret, "s3cret-value"),
           .checks = {CheckResourceExists("local_file.marker"), not_stored,
                      DiskHas(marker, "checked")}},
      // The precondition really sees the file's content: a wrong expectation fails.
      Step{.config = config(secret, "other"), .expect_error = "the secret is not other"},
      Step{.config = config(PathOf("absent.txt"), "x"),
           .expect_error = "Cannot read file[\\s\\S]*absent\\.txt"},
  };
  tfsdk::testing::Run(tc);
}

INSTANTIATE_TEST_SUITE_P(Protocols, LocalProviderTest, ::testing::Values(6, 5),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return "Protocol" + std::to_string(info.param);
                         });

}  // namespace
