// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "local_provider.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include "tfsdk/tfsdk.h"

namespace tfsdk_examples {
namespace {

using tfsdk::Attribute;
using tfsdk::Path;

constexpr char kDefaultPermission[] = "0644";
constexpr char kDefaultDirectoryPermission[] = "0755";

// What happened when reading a file.
struct FileRead {
  bool exists = false;
  std::string content;
  mode_t mode = 0;
  std::string error;  // non-empty: the file exists (or may) but could not be read
};

FileRead ReadFile(const std::string& path) {
  FileRead r;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT && errno != ENOTDIR) r.error = std::strerror(errno);
    return r;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    r.error = std::strerror(errno);
    ::close(fd);
    return r;
  }
  if (!S_ISREG(st.st_mode)) {
    r.error = "not a regular file";
    ::close(fd);
    return r;
  }
  r.exists = true;
  r.mode = st.st_mode & 07777;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.error = std::strerror(errno);
      break;
    }
    if (n == 0) break;
    r.content.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return r;
}

// Writes `content` to `path` with permission bits `mode` (not subject to the umask).
// Returns an error text, or "" on success.
std::string WriteFile(const std::string& path, const std::string& content, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return std::strerror(errno);
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string err = std::strerror(errno);
      ::close(fd);
      return err;
    }
    done += static_cast<size_t>(n);
  }
  // open() applies the umask and leaves an existing file's mode alone; set it exactly.
  if (::fchmod(fd, mode) != 0) {
    std::string err = std::strerror(errno);
    ::close(fd);
    return err;
  }
  if (::close(fd) != 0) return std::strerror(errno);
  return "";
}

// "0644" or "644" -> 0644; nullopt unless 3 or 4 octal digits.
std::optional<mode_t> ParsePermission(const std::string& text) {
  if (text.size() < 3 || text.size() > 4) return std::nullopt;
  mode_t mode = 0;
  for (char c : text) {
    if (c < '0' || c > '7') return std::nullopt;
    mode = mode * 8 + static_cast<mode_t>(c - '0');
  }
  return mode;
}

std::string FormatPermission(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// Permission bits as three or four octal digits ("644", "0644"). Checked at plan time by
// the schema's validator, so Create and Update only ever see a good value.
tfsdk::validators::ValidatorPtr OctalPermission() {
  return tfsdk::validators::RegexMatches(
      "^[0-7]{3,4}$", "must be three or four octal digits, such as \"0644\"");
}

// local_file's attributes, read and written in one call (tfsdk/model.h).
struct FileModel {
  std::string path;
  std::string content;
  std::string file_permission;      // configured, or the default: known in every plan
  tfsdk::Maybe<std::string> sha256;  // computed: unknown until the file is written
  tfsdk::Maybe<std::string> id;
};
TFSDK_MODEL(FileModel, path, content, file_permission, sha256, id);

struct DirectoryModel {
  std::string path;
  std::string permissions;
  tfsdk::Maybe<std::string> id;
};
TFSDK_MODEL(DirectoryModel, path, permissions, id);

// data "local_file" and ephemeral "local_sensitive_file": a path in, the content out.
struct FileReadModel {
  std::string path;
  tfsdk::Maybe<std::string> content;
  tfsdk::Maybe<std::string> sha256;
};
TFSDK_MODEL(FileReadModel, path, content, sha256);

// Reads the file at `model.path` into `model`; false (with an error diagnostic on `path`)
// when it is missing or unreadable.
bool ReadInto(FileReadModel& model, tfsdk::Diagnostics& diags) {
  FileRead file = ReadFile(model.path);
  if (!file.exists || !file.error.empty()) {
    diags.AddError("Cannot read file",
                   "Reading \"" + model.path + "\" failed: " +
                       (file.error.empty() ? std::string("no such file") : file.error) + ".",
                   Path::Root("path"));
    return false;
  }
  model.sha256 = Sha256Hex(file.content);
  model.content = std::move(file.content);
  return true;
}

// The spelling to record for permission bits `actual` read from disk: the recorded one
// ("644" or "0644") while the bits are the same, else the bits as four digits.
std::string RecordedPermission(const std::optional<std::string>& recorded, mode_t actual) {
  std::optional<mode_t> recorded_mode = recorded ? ParsePermission(*recorded) : std::nullopt;
  if (recorded_mode && *recorded_mode == actual) return *recorded;
  return FormatPermission(actual);
}

class FileResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "local_file"; }

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "A text file on the local disk.",
        .attributes = {
            Attribute::String("path")
                .Required()
                .RequiresReplace()
                .Description("Path of the file. Changing it replaces the file."),
            Attribute::String("content").Required().Description("Content of the file."),
            Attribute::String("file_permission")
                .Optional()
                .Computed()
                .Default(kDefaultPermission)
                .Validators({OctalPermission()})
                .Description("Permission bits as octal digits; \"0644\" when left out."),
            Attribute::String("sha256").Computed().Description(
                "Lowercase hex SHA-256 of the content."),
            Attribute::String("id").Computed().UseStateForUnknown().Description(
                "The path of the file."),
        }};
  }

  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    FileModel file = req.plan.Get<FileModel>();
    if (!Write(file, "Cannot create file", resp.diagnostics)) return;
    resp.state.Set(file);
  }

  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    // After an import only `path` and `id` are set: read the path alone, fill in the rest.
    std::string path = req.state.Get<std::string>("path");
    FileRead disk = ReadFile(path);
    if (!disk.error.empty()) {
      resp.diagnostics.AddError("Cannot read file",
                                "Reading \"" + path + "\" failed: " + disk.error + ".",
                                Path::Root("path"));
      return;
    }
    if (!disk.exists) {
      resp.state.RemoveResource();  // deleted out of band: Terraform plans to create it
      return;
    }
    FileModel file{
        .path = path,
        .content = disk.content,
        .file_permission = RecordedPermission(
            req.state.Get<std::optional<std::string>>("file_permission"), disk.mode),
        .sha256 = Sha256Hex(disk.content),
        .id = path,
    };
    resp.state.Set(file);
  }

  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    FileModel file = req.plan.Get<FileModel>();
    if (!Write(file, "Cannot update file", resp.diagnostics)) return;
    resp.state.Set(file);
  }

  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    std::string path = req.state.Get<std::string>("path");
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      resp.diagnostics.AddError("Cannot delete file",
                                "Removing \"" + path + "\" failed: " + std::strerror(errno) +
                                    ".",
                                Path::Root("path"));
    }
  }

  // `terraform import local_file.x /path/to/file`: the ID is the path; Terraform then
  // calls Read, which fills in content, sha256 and file_permission.
  void ImportState(const tfsdk::ImportStateRequest& req,
                   tfsdk::ImportStateResponse& resp) override {
    resp.state.Set("path", req.id);
    resp.state.Set("id", req.id);
  }

 private:
  // Writes the planned file and fills in its computed attributes; false (with an error
  // diagnostic on `path`) when the write failed.
  static bool Write(FileModel& file, const char* summary, tfsdk::Diagnostics& diags) {
    // The validator has checked the permission; ParsePermission cannot fail here.
    std::string err = WriteFile(file.path, file.content, *ParsePermission(file.file_permission));
    if (!err.empty()) {
      diags.AddError(summary, "Writing \"" + file.path + "\" failed: " + err + ".",
                     Path::Root("path"));
      return false;
    }
    file.sha256 = Sha256Hex(file.content);
    file.id = file.path;
    return true;
  }
};

class FileDataSource final : public tfsdk::DataSource {
 public:
  std::string TypeName() const override { return "local_file"; }

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "Reads a text file from the local disk.",
        .attributes = {
            Attribute::String("path").Required().Description("Path of the file to read."),
            Attribute::String("content").Computed().Description("Content of the file."),
            Attribute::String("sha256").Computed().Description(
                "Lowercase hex SHA-256 of the content."),
        }};
  }

  void Read(const tfsdk::DataSourceReadRequest& req,
            tfsdk::DataSourceReadResponse& resp) override {
    FileReadModel file = req.config.Get<FileReadModel>();
    if (ReadInto(file, resp.diagnostics)) resp.state.Set(file);
  }
};

// local_directory: a directory, created with its missing parents, removed with everything
// in it on destroy.
class DirectoryResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "local_directory"; }

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "A directory on the local disk. Missing parent directories are created; "
                       "destroying it removes the directory **with everything in it**.",
        .description_kind = tfsdk::StringKind::kMarkdown,
        .attributes = {
            Attribute::String("path")
                .Required()
                .RequiresReplace()
                .Description("Path of the directory. Changing it replaces the directory."),
            Attribute::String("permissions")
                .Optional()
                .Computed()
                .Default(kDefaultDirectoryPermission)
                .Validators({OctalPermission()})
                .Description("Permission bits as octal digits; \"0755\" when left out."),
            Attribute::String("id").Computed().UseStateForUnknown().Description(
                "The path of the directory."),
        }};
  }

  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    DirectoryModel dir_model = req.plan.Get<DirectoryModel>();
    const std::string& path = dir_model.path;
    std::error_code ec;
    std::filesystem::path dir(path);
    if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
    if (ec || ::mkdir(path.c_str(), 0700) != 0) {
      std::string why = ec ? ec.message() : std::strerror(errno);
      std::string hint = !ec && errno == EEXIST
                             ? " To manage an existing directory, import it: terraform import "
                               "local_directory.NAME " + path
                             : "";
      resp.diagnostics.AddError("Cannot create directory",
                                "Creating \"" + path + "\" failed: " + why + "." + hint,
                                Path::Root("path"));
      return;
    }
    // mkdir applies the umask: set the bits exactly.
    if (!Chmod(dir_model, resp.diagnostics)) return;
    resp.state.Set(dir_model);
  }

  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    std::string path = req.state.Get<std::string>("path");
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT || errno == ENOTDIR) {
        resp.state.RemoveResource();  // removed out of band: planned for creation again
        return;
      }
      resp.diagnostics.AddError("Cannot read directory",
                                "stat \"" + path + "\" failed: " + std::strerror(errno) + ".",
                                Path::Root("path"));
      return;
    }
    if (!S_ISDIR(st.st_mode)) {
      resp.diagnostics.AddError("Not a directory", "\"" + path + "\" is not a directory.",
                                Path::Root("path"));
      return;
    }
    resp.state.Set(DirectoryModel{
        .path = path,
        .permissions = RecordedPermission(
            req.state.Get<std::optional<std::string>>("permissions"), st.st_mode & 07777),
        .id = path,
    });
  }

  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    DirectoryModel dir_model = req.plan.Get<DirectoryModel>();
    if (!Chmod(dir_model, resp.diagnostics)) return;
    resp.state.Set(dir_model);
  }

  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    std::string path = req.state.Get<std::string>("path");
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    if (ec) {
      resp.diagnostics.AddError("Cannot delete directory",
                                "Removing \"" + path + "\" failed: " + ec.message() + ".",
                                Path::Root("path"));
    }
  }

  void ImportState(const tfsdk::ImportStateRequest& req,
                   tfsdk::ImportStateResponse& resp) override {
    resp.state.Set("path", req.id);
    resp.state.Set("id", req.id);
  }

 private:
  // Sets the planned permission bits exactly and fills in `id`; false (with an error
  // diagnostic on `permissions`) when chmod failed.
  static bool Chmod(DirectoryModel& dir, tfsdk::Diagnostics& diags) {
    // The validator has checked the permission; ParsePermission cannot fail here.
    if (::chmod(dir.path.c_str(), *ParsePermission(dir.permissions)) != 0) {
      diags.AddError("Cannot set directory permissions",
                     "chmod \"" + dir.path + "\" failed: " + std::strerror(errno) + ".",
                     Path::Root("permissions"));
      return false;
    }
    dir.id = dir.path;
    return true;
  }
};

// provider::local::sha256_file(path): the hex SHA-256 of a file's content, read when the
// function is called (during plan and again during apply).
class Sha256FileFunction final : public tfsdk::Function {
 public:
  std::string Name() const override { return "sha256_file"; }
  tfsdk::FunctionDefinition Definition() const override {
    return {.parameters = {{.name = "path",
                            .type = tfsdk::Type::String(),
                            .description = "Path of the file to hash."}},
            .return_type = tfsdk::Type::String(),
            .summary = "Lowercase hex SHA-256 of a file's content.",
            .description = "Reads the file at `path` and returns the lowercase hex SHA-256 of "
                           "its content. A file that cannot be read is an error.",
            .description_kind = tfsdk::StringKind::kMarkdown};
  }
  void Run(const tfsdk::FunctionRunRequest& req, tfsdk::FunctionRunResponse& resp) override {
    std::string path = req.Get<std::string>(0);
    FileRead file = ReadFile(path);
    if (!file.exists || !file.error.empty()) {
      return resp.SetError("Cannot read \"" + path + "\": " +
                               (file.error.empty() ? std::string("no such file") : file.error),
                           0);
    }
    resp.Set(Sha256Hex(file.content));
  }
};

// ephemeral "local_sensitive_file": a file's content (a password, a token) for the length of
// one run, never written to the plan or the state.
class SensitiveFileEphemeral final : public tfsdk::EphemeralResource {
 public:
  std::string TypeName() const override { return "local_sensitive_file"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "Reads a secret from a file on the local disk without storing it in "
                       "the plan or the state.",
        .attributes = {
            Attribute::String("path").Required().Description("Path of the file to read."),
            Attribute::String("content").Computed().Sensitive().Description(
                "Content of the file."),
            Attribute::String("sha256").Computed().Description(
                "Lowercase hex SHA-256 of the content."),
        }};
  }
  void Open(const tfsdk::EphemeralOpenRequest& req, tfsdk::EphemeralOpenResponse& resp) override {
    FileReadModel file = req.config.Get<FileReadModel>();
    if (ReadInto(file, resp.diagnostics)) resp.result.Set(file);
  }
};

}  // namespace

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

namespace {

// No settings; the schema only documents the provider.
class LocalProvider final : public tfsdk::Provider {
 public:
  LocalProvider() : Provider("local") {}
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.description =
                             "Manages files and directories on the machine running "
                             "Terraform, reads files and secrets, and hashes files. The "
                             "smallest complete example of a provider written with tfsdk."};
  }
};

}  // namespace

std::unique_ptr<tfsdk::Provider> MakeLocalProvider() {
  auto provider = std::make_unique<LocalProvider>();
  provider->AddResource<FileResource>();
  provider->AddResource<DirectoryResource>();
  provider->AddDataSource<FileDataSource>();
  provider->AddEphemeralResource<SensitiveFileEphemeral>();
  provider->AddFunction<Sha256FileFunction>();
  return provider;
}

}  // namespace tfsdk_examples
