// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "actions_provider.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include "tfsdk/action.h"
#include "tfsdk/state_store.h"
#include "tfsdk/validators.h"

namespace actions_test {

void Backend::Notify(Notification n) {
  std::lock_guard<std::mutex> lock(mu_);
  notifications_.push_back(std::move(n));
}

void Backend::CountPlan() {
  std::lock_guard<std::mutex> lock(mu_);
  ++plans_;
}

std::vector<Backend::Notification> Backend::notifications() const {
  std::lock_guard<std::mutex> lock(mu_);
  return notifications_;
}

int Backend::plans() const {
  std::lock_guard<std::mutex> lock(mu_);
  return plans_;
}

std::string ProgressSending(const std::string& channel) {
  return "x_notify: sending to #" + channel;
}

std::string ProgressDelivered(const std::string& message) {
  return "x_notify: delivered \"" + message + "\"";
}

namespace {

namespace v = tfsdk::validators;
namespace fs = std::filesystem;

class NotifyAction final : public tfsdk::Action {
 public:
  explicit NotifyAction(std::shared_ptr<Backend> backend) : backend_(std::move(backend)) {}
  std::string TypeName() const override { return "x_notify"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "Posts a message to a channel.",
        .attributes = {
            tfsdk::Attribute::String("message").Required().Validators({v::LengthBetween(1, 64)}),
            tfsdk::Attribute::String("channel").Optional(),
            tfsdk::Attribute::String("fail").Optional().Validators({v::OneOf({"error", "throw"})}),
        }};
  }
  void Plan(const tfsdk::ActionPlanRequest& req, tfsdk::ActionPlanResponse& resp) override {
    backend_->CountPlan();
    auto channel = req.config.GetValue("channel");
    if (channel.IsKnown() && !channel.IsNull() &&
        req.config.Get<std::string>("channel") == "closed") {
      resp.diagnostics.AddError("Channel closed", "The channel #closed accepts no messages.",
                                tfsdk::Path::Root("channel"));
    }
  }
  void Invoke(const tfsdk::ActionInvokeRequest& req,
              tfsdk::ActionInvokeResponse& resp) override {
    std::string channel = req.config.Get<std::optional<std::string>>("channel").value_or("general");
    std::string message = req.config.Get<std::string>("message");
    std::string fail = req.config.Get<std::optional<std::string>>("fail").value_or("");
    req.SendProgress(ProgressSending(channel));
    if (fail == "throw") throw std::runtime_error("chat server unreachable");
    if (fail == "error") {
      resp.diagnostics.AddError("Notification failed", "The chat server refused the message.");
      return;
    }
    backend_->Notify({channel, message});
    req.SendProgress(ProgressDelivered(message));
  }

 private:
  std::shared_ptr<Backend> backend_;
};

class ThingResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "x_thing"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .attributes = {
            tfsdk::Attribute::String("name").Required().RequiresReplace(),
            tfsdk::Attribute::String("id").Computed().UseStateForUnknown(),
        }};
  }
  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    resp.state.Set("id", "thing-" + req.plan.Get<std::string>("name"));
  }
  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    (void)req;
    (void)resp;
  }
  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    (void)req;
    (void)resp;
  }
  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    (void)req;
    (void)resp;
  }
};

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class FsStateStore final : public tfsdk::StateStore {
 public:
  std::string TypeName() const override { return "x_fs"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .attributes = {tfsdk::Attribute::String("directory").Required().Validators(
            {v::LengthAtLeast(1)})}};
  }
  void Configure(const tfsdk::StateStoreConfigureRequest& req,
                 tfsdk::StateStoreConfigureResponse& resp) override {
    fs::path dir = req.config.Get<std::string>("directory");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
      resp.diagnostics.AddError("Cannot create the state directory", ec.message(),
                                tfsdk::Path::Root("directory"));
      return;
    }
    std::lock_guard<std::mutex> lock(mu_);
    dir_ = dir;
  }
  void Read(const tfsdk::StateReadRequest& req, tfsdk::StateReadResponse& resp) override {
    resp.bytes = ReadFile(StatePath(req.state_id)).value_or("");
  }
  void Write(const tfsdk::StateWriteRequest& req, tfsdk::StateWriteResponse& resp) override {
    fs::path path = StatePath(req.state_id);
    fs::path tmp = path.string() + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << req.bytes;
      if (!out) {
        resp.diagnostics.AddError("Cannot write the state", tmp.string());
        return;
      }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) resp.diagnostics.AddError("Cannot write the state", ec.message());
  }
  void Lock(const tfsdk::StateLockRequest& req, tfsdk::StateLockResponse& resp) override {
    fs::path path = LockPath(req.state_id);
    std::string id = "lock-" + std::to_string(++next_lock_) + "-" + std::to_string(getpid());
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
      if (errno == EEXIST) {
        resp.diagnostics.AddError(
            "State locked",
            "The state \"" + req.state_id + "\" is locked: " + ReadFile(path).value_or("?"));
      } else {
        resp.diagnostics.AddError("Cannot lock the state", std::strerror(errno));
      }
      return;
    }
    std::string info = id + " (" + req.operation + ")";
    ssize_t n = write(fd, info.data(), info.size());
    close(fd);
    if (n != static_cast<ssize_t>(info.size())) {
      resp.diagnostics.AddError("Cannot lock the state", "short write of the lock file");
      return;
    }
    resp.lock_id = id;
  }
  void Unlock(const tfsdk::StateUnlockRequest& req, tfsdk::StateUnlockResponse& resp) override {
    fs::path path = LockPath(req.state_id);
    std::optional<std::string> info = ReadFile(path);
    if (!info) {
      resp.diagnostics.AddError("State not locked", "\"" + req.state_id + "\" is not locked.");
      return;
    }
    if (info->rfind(req.lock_id + " ", 0) != 0) {
      resp.diagnostics.AddError("Wrong lock id",
                                "\"" + req.state_id + "\" is locked by " + *info + ", not " +
                                    req.lock_id + ".");
      return;
    }
    fs::remove(path);
  }
  void States(const tfsdk::StatesRequest& req, tfsdk::StatesResponse& resp) override {
    (void)req;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(Dir(), ec)) {
      if (entry.path().extension() == ".tfstate") {
        resp.state_ids.push_back(entry.path().stem().string());
      }
    }
    if (ec) resp.diagnostics.AddError("Cannot list states", ec.message());
  }
  void Delete(const tfsdk::StateDeleteRequest& req, tfsdk::StateDeleteResponse& resp) override {
    if (req.state_id == "default") {
      resp.diagnostics.AddError("Cannot delete the default state");
      return;
    }
    std::error_code ec;
    if (!fs::remove(StatePath(req.state_id), ec)) {
      resp.diagnostics.AddError("No such state", "\"" + req.state_id + "\" does not exist.");
    }
  }

 private:
  fs::path Dir() const {
    std::lock_guard<std::mutex> lock(mu_);
    return dir_;
  }
  fs::path StatePath(const std::string& id) const { return Dir() / (id + ".tfstate"); }
  fs::path LockPath(const std::string& id) const { return Dir() / (id + ".tflock"); }

  mutable std::mutex mu_;
  fs::path dir_;  // guarded by mu_
  std::atomic<int> next_lock_{0};
};

}  // namespace

std::unique_ptr<tfsdk::Provider> MakeProvider(std::shared_ptr<Backend> backend) {
  auto provider = std::make_unique<tfsdk::Provider>("x");
  provider->AddAction<NotifyAction>(backend);
  provider->AddResource<ThingResource>();
  provider->AddStateStore<FsStateStore>();
  return provider;
}

}  // namespace actions_test
