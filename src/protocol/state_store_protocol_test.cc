// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The state store RPCs of protocol 6 over in-process gRPC, driven with the messages
// Terraform sends: configure with a chunk size, chunked writes (client stream) and reads
// (server stream) of a state several chunks long, lock conflicts, listing and deleting.
// Terraform 1.15 release builds reject the `state_store` block (it needs experiments), so
// this harness is what proves the RPCs.

#include <unistd.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "src/engine/engine.h"
#include "src/protocol/services.h"
#include "src/value/msgpack_codec.h"
#include "tfplugin6.grpc.pb.h"
#include "tfsdk/provider.h"
#include "tfsdk/state_store.h"
#include "tfsdk/validators.h"

namespace tfsdk::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// An in-memory store. Thread-safe. State "broken" throws on read.
class MemoryStore final : public StateStore {
 public:
  struct Shared {
    std::mutex mu;
    std::map<std::string, std::string> states;
    std::map<std::string, std::string> locks;  // state id -> lock id
    int writes = 0;
    int configures = 0;
    int64_t proposed_chunk_size = 0;
    std::string bucket;
  };
  explicit MemoryStore(std::shared_ptr<Shared> shared, int64_t max_chunk = 0)
      : shared_(std::move(shared)), max_chunk_(max_chunk) {}
  std::string TypeName() const override { return "test_mem"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("bucket").Required().Validators(
        {validators::LengthAtLeast(3)})}};
  }
  void Configure(const StateStoreConfigureRequest& req,
                 StateStoreConfigureResponse& resp) override {
    std::lock_guard lock(shared_->mu);
    ++shared_->configures;
    shared_->proposed_chunk_size = req.chunk_size;
    shared_->bucket = req.config.Get<std::string>("bucket");
    resp.chunk_size = max_chunk_;
  }
  void Read(const StateReadRequest& req, StateReadResponse& resp) override {
    if (req.state_id == "broken") throw std::runtime_error("disk on fire");
    std::lock_guard lock(shared_->mu);
    auto it = shared_->states.find(req.state_id);
    if (it != shared_->states.end()) resp.bytes = it->second;
  }
  void Write(const StateWriteRequest& req, StateWriteResponse& resp) override {
    (void)resp;
    std::lock_guard lock(shared_->mu);
    shared_->states[req.state_id] = req.bytes;
    ++shared_->writes;
  }
  void Lock(const StateLockRequest& req, StateLockResponse& resp) override {
    std::lock_guard lock(shared_->mu);
    auto it = shared_->locks.find(req.state_id);
    if (it != shared_->locks.end()) {
      resp.diagnostics.AddError("State locked", "held by " + it->second);
      return;
    }
    resp.lock_id = "L" + std::to_string(++next_) + "-" + req.operation;
    shared_->locks[req.state_id] = resp.lock_id;
  }
  void Unlock(const StateUnlockRequest& req, StateUnlockResponse& resp) override {
    std::lock_guard lock(shared_->mu);
    auto it = shared_->locks.find(req.state_id);
    if (it == shared_->locks.end() || it->second != req.lock_id) {
      resp.diagnostics.AddError("Wrong lock", "not locked with " + req.lock_id);
      return;
    }
    shared_->locks.erase(it);
  }
  void States(const StatesRequest&, StatesResponse& resp) override {
    std::lock_guard lock(shared_->mu);
    for (const auto& [id, bytes] : shared_->states) resp.state_ids.push_back(id);
  }
  void Delete(const StateDeleteRequest& req, StateDeleteResponse& resp) override {
    std::lock_guard lock(shared_->mu);
    if (shared_->states.erase(req.state_id) == 0) resp.diagnostics.AddError("No such state");
  }

 private:
  std::shared_ptr<Shared> shared_;
  int64_t max_chunk_;
  int next_ = 0;
};

std::string UniqueSocketAddress() {
  static std::atomic<int> counter{0};
  return "unix:/tmp/tfsdk-store-" + std::to_string(getpid()) + "-" +
         std::to_string(counter++) + ".sock";
}

// A 34-byte state: four chunks of 10 with the chunk size the tests negotiate.
const std::string kState = R"({"version":4,"serial":7,"x":"abc"})";

struct Chunk {
  std::string bytes;
  int64_t total = 0;
  bool has_range = true;
  int64_t start = 0;
  int64_t end = 0;
};

// `state` in chunks of `size`, as Terraform sends them: inclusive [start, end] ranges.
std::vector<Chunk> Chunks(const std::string& state, size_t size) {
  std::vector<Chunk> out;
  for (size_t i = 0; i < state.size(); i += size) {
    std::string part = state.substr(i, size);
    out.push_back({part, static_cast<int64_t>(state.size()), true, static_cast<int64_t>(i),
                   static_cast<int64_t>(i + part.size()) - 1});
  }
  return out;
}

class StateStoreProtocolTest : public ::testing::Test {
 protected:
  void Start(int64_t max_chunk = 0) {
    provider_.AddStateStore<MemoryStore>(shared_, max_chunk);
    engine_ = std::make_unique<Engine>(provider_);
    ASSERT_FALSE(engine_->schema_diagnostics().HasError());
    service_ = std::make_unique<ProviderV6Service>(*engine_);
    address_ = UniqueSocketAddress();
    grpc::ServerBuilder builder;
    builder.AddListeningPort(address_, grpc::InsecureServerCredentials());
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = tfplugin6::Provider::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
    unlink(address_.substr(5).c_str());
  }

  std::string Config(const std::string& bucket) {
    Type type = MemoryStore(shared_).GetSchema().ImpliedType();
    return EncodeMsgpack(Value::ObjectVal(type, {{"bucket", Value::StringVal(bucket)}}), type)
        .value();
  }

  tfplugin6::ConfigureStateStore::Response Configure(int64_t chunk_size) {
    grpc::ClientContext ctx;
    tfplugin6::ConfigureStateStore::Request req;
    req.set_type_name("test_mem");
    req.mutable_config()->set_msgpack(Config("tfstate"));
    req.mutable_capabilities()->set_chunk_size(chunk_size);
    tfplugin6::ConfigureStateStore::Response resp;
    EXPECT_TRUE(stub_->ConfigureStateStore(&ctx, req, &resp).ok());
    return resp;
  }

  // Sends the chunks (meta on the first); returns the diagnostics' "summary: detail".
  std::vector<std::string> Write(const std::string& state_id, const std::vector<Chunk>& chunks) {
    grpc::ClientContext ctx;
    tfplugin6::WriteStateBytes::Response resp;
    auto writer = stub_->WriteStateBytes(&ctx, &resp);
    bool first = true;
    for (const Chunk& c : chunks) {
      tfplugin6::WriteStateBytes::RequestChunk msg;
      if (first) {
        msg.mutable_meta()->set_type_name("test_mem");
        msg.mutable_meta()->set_state_id(state_id);
      }
      first = false;
      msg.set_bytes(c.bytes);
      msg.set_total_length(c.total);
      if (c.has_range) {
        msg.mutable_range()->set_start(c.start);
        msg.mutable_range()->set_end(c.end);
      }
      EXPECT_TRUE(writer->Write(msg));
    }
    EXPECT_TRUE(writer->WritesDone());
    EXPECT_TRUE(writer->Finish().ok());
    std::vector<std::string> out;
    for (const auto& d : resp.diagnostics()) out.push_back(d.summary() + ": " + d.detail());
    return out;
  }

  std::vector<tfplugin6::ReadStateBytes::Response> Read(const std::string& state_id) {
    grpc::ClientContext ctx;
    tfplugin6::ReadStateBytes::Request req;
    req.set_type_name("test_mem");
    req.set_state_id(state_id);
    auto reader = stub_->ReadStateBytes(&ctx, req);
    std::vector<tfplugin6::ReadStateBytes::Response> out;
    tfplugin6::ReadStateBytes::Response chunk;
    while (reader->Read(&chunk)) out.push_back(chunk);
    EXPECT_TRUE(reader->Finish().ok());
    return out;
  }

  tfplugin6::LockState::Response Lock(const std::string& state_id) {
    grpc::ClientContext ctx;
    tfplugin6::LockState::Request req;
    req.set_type_name("test_mem");
    req.set_state_id(state_id);
    req.set_operation("OperationTypeApply");
    tfplugin6::LockState::Response resp;
    EXPECT_TRUE(stub_->LockState(&ctx, req, &resp).ok());
    return resp;
  }

  tfplugin6::UnlockState::Response Unlock(const std::string& state_id,
                                          const std::string& lock_id) {
    grpc::ClientContext ctx;
    tfplugin6::UnlockState::Request req;
    req.set_type_name("test_mem");
    req.set_state_id(state_id);
    req.set_lock_id(lock_id);
    tfplugin6::UnlockState::Response resp;
    EXPECT_TRUE(stub_->UnlockState(&ctx, req, &resp).ok());
    return resp;
  }

  std::vector<std::string> States() {
    grpc::ClientContext ctx;
    tfplugin6::GetStates::Request req;
    req.set_type_name("test_mem");
    tfplugin6::GetStates::Response resp;
    EXPECT_TRUE(stub_->GetStates(&ctx, req, &resp).ok());
    EXPECT_THAT(resp.diagnostics(), IsEmpty());
    return {resp.state_id().begin(), resp.state_id().end()};
  }

  std::shared_ptr<MemoryStore::Shared> shared_ = std::make_shared<MemoryStore::Shared>();
  Provider provider_{"test"};
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ProviderV6Service> service_;
  std::string address_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<tfplugin6::Provider::Stub> stub_;
};

TEST_F(StateStoreProtocolTest, SchemaMetadataAndValidation) {
  Start();
  {
    grpc::ClientContext ctx;
    tfplugin6::GetProviderSchema::Response resp;
    ASSERT_TRUE(stub_->GetProviderSchema(&ctx, {}, &resp).ok());
    ASSERT_EQ(resp.state_store_schemas().count("test_mem"), 1u);
    EXPECT_EQ(resp.state_store_schemas().at("test_mem").block().attributes(0).name(), "bucket");
  }
  {
    grpc::ClientContext ctx;
    tfplugin6::GetProviderMetadata::Response resp;
    ASSERT_TRUE(stub_->GetMetadata(&ctx, {}, &resp).ok());
    ASSERT_EQ(resp.state_stores_size(), 1);
    EXPECT_EQ(resp.state_stores(0).type_name(), "test_mem");
  }
  {
    grpc::ClientContext ctx;
    tfplugin6::ValidateStateStore::Request req;
    req.set_type_name("test_mem");
    req.mutable_config()->set_msgpack(Config("x"));
    tfplugin6::ValidateStateStore::Response resp;
    ASSERT_TRUE(stub_->ValidateStateStoreConfig(&ctx, req, &resp).ok());
    ASSERT_EQ(resp.diagnostics_size(), 1);
    EXPECT_EQ(resp.diagnostics(0).attribute().steps(0).attribute_name(), "bucket");
  }
}

TEST_F(StateStoreProtocolTest, NothingBeforeConfigure) {
  Start();
  auto chunks = Read("default");
  ASSERT_EQ(chunks.size(), 1u);
  ASSERT_EQ(chunks[0].diagnostics_size(), 1);
  EXPECT_EQ(chunks[0].diagnostics(0).summary(), "State store not configured");
  EXPECT_THAT(Write("default", Chunks(kState, 10)),
              ElementsAre(HasSubstr("State store not configured")));
  EXPECT_EQ(shared_->writes, 0);
  EXPECT_THAT(Lock("default").diagnostics(0).summary(), "State store not configured");
}

TEST_F(StateStoreProtocolTest, ChunkSizeNegotiation) {
  Start();  // only for Config()
  struct Case {
    int64_t store_max;   // what the store's Configure asks for
    int64_t proposed;    // what Terraform proposes
    int64_t negotiated;  // what the provider answers
    int64_t seen;        // what the store's Configure saw proposed
    bool warning;
  };
  for (const Case& c : std::vector<Case>{{0, 10, 10, 10, false},
                                         {0, 0, Engine::kDefaultStateChunkSize,
                                          Engine::kDefaultStateChunkSize, false},
                                         {4, 10, 4, 10, false},
                                         {64, 10, 10, 10, true}}) {
    SCOPED_TRACE(c.store_max);
    SCOPED_TRACE(c.proposed);
    auto shared = std::make_shared<MemoryStore::Shared>();
    Provider provider("test");
    provider.AddStateStore<MemoryStore>(shared, c.store_max);
    Engine engine(provider);
    ConfigureStateStoreResult r =
        engine.ConfigureStateStore("test_mem", RawValue{Config("tfstate"), {}}, c.proposed);
    EXPECT_EQ(r.chunk_size, c.negotiated);
    EXPECT_EQ(engine.StateStoreChunkSize("test_mem"), c.negotiated);
    EXPECT_EQ(r.diagnostics.size(), c.warning ? 1u : 0u);
    EXPECT_FALSE(r.diagnostics.HasError());
    EXPECT_EQ(shared->proposed_chunk_size, c.seen);
    EXPECT_EQ(shared->bucket, "tfstate");
  }
}

TEST_F(StateStoreProtocolTest, ChunkedWriteThenRead) {
  Start();
  ASSERT_EQ(Configure(10).capabilities().chunk_size(), 10);
  ASSERT_THAT(Write("default", Chunks(kState, 10)), IsEmpty());
  EXPECT_EQ(shared_->writes, 1) << "one Write for the whole state";
  EXPECT_EQ(shared_->states["default"], kState);

  auto chunks = Read("default");
  ASSERT_EQ(chunks.size(), 4u);
  std::string joined;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  for (const auto& c : chunks) {
    EXPECT_THAT(c.diagnostics(), IsEmpty());
    EXPECT_EQ(c.total_length(), 34);
    EXPECT_LE(c.bytes().size(), 10u);
    ranges.emplace_back(c.range().start(), c.range().end());
    joined += c.bytes();
  }
  EXPECT_EQ(joined, kState);
  using R = std::pair<int64_t, int64_t>;
  EXPECT_THAT(ranges, ElementsAre(R{0, 9}, R{10, 19}, R{20, 29}, R{30, 33}));
}

TEST_F(StateStoreProtocolTest, ReadOfMissingStateIsEmpty) {
  Start();
  Configure(10);
  auto chunks = Read("nothing");
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].bytes(), "");
  EXPECT_EQ(chunks[0].total_length(), 0);
  ASSERT_TRUE(chunks[0].has_range()) << "Terraform reads the range of every chunk";
  EXPECT_EQ(chunks[0].range().start(), 0);
  EXPECT_EQ(chunks[0].range().end(), -1);
  EXPECT_THAT(chunks[0].diagnostics(), IsEmpty());
}

TEST_F(StateStoreProtocolTest, ReadExceptionIsADiagnostic) {
  Start();
  Configure(10);
  auto chunks = Read("broken");
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].bytes(), "");
  ASSERT_EQ(chunks[0].diagnostics_size(), 1);
  EXPECT_THAT(chunks[0].diagnostics(0).detail(), HasSubstr("disk on fire"));
}

TEST_F(StateStoreProtocolTest, BadChunksWriteNothing) {
  Start();
  Configure(10);
  auto good = Chunks(kState, 10);
  auto gap = good;
  gap.erase(gap.begin() + 1);
  auto overlap = good;
  overlap[1].start = 5;
  overlap[1].end = 14;
  auto short_total = good;
  short_total.pop_back();
  auto changed_total = good;
  changed_total[2].total = 99;
  auto too_big = Chunks(kState, 20);  // 20-byte chunks against a negotiated 10
  auto exclusive = good;              // [start, end) ranges are accepted too
  for (auto& c : exclusive) c.end += 1;
  auto no_ranges = good;  // chunks without ranges are taken in order
  for (auto& c : no_ranges) c.has_range = false;
  struct Case {
    std::string name;
    std::vector<Chunk> chunks;
    std::string error;  // "" = written
  };
  std::vector<Case> cases = {
      {"gap", gap, "without gaps or overlaps"},
      {"overlap", overlap, "without gaps or overlaps"},
      {"missing last chunk", short_total, "announced 34 bytes of state but sent 30"},
      {"total changes", changed_total, "total length of 99"},
      {"chunk over the negotiated size", too_big, "more than the negotiated chunk size"},
      {"no chunks", {}, "No state received"},
      {"exclusive ends", exclusive, ""},
      {"no ranges", no_ranges, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    shared_->states.clear();
    int writes = shared_->writes;
    auto diags = Write("default", c.chunks);
    if (c.error.empty()) {
      EXPECT_THAT(diags, IsEmpty());
      EXPECT_EQ(shared_->states["default"], kState);
      EXPECT_EQ(shared_->writes, writes + 1);
    } else {
      EXPECT_THAT(diags, ElementsAre(HasSubstr(c.error)));
      EXPECT_EQ(shared_->writes, writes) << "nothing may be written";
    }
  }
}

TEST_F(StateStoreProtocolTest, LockConflictsAndUnlock) {
  Start();
  Configure(10);
  auto first = Lock("default");
  ASSERT_THAT(first.diagnostics(), IsEmpty());
  EXPECT_EQ(first.lock_id(), "L1-OperationTypeApply");

  auto second = Lock("default");
  EXPECT_EQ(second.lock_id(), "") << "a failed lock hands out no id";
  ASSERT_EQ(second.diagnostics_size(), 1);
  EXPECT_EQ(second.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_THAT(second.diagnostics(0).detail(), HasSubstr("held by L1-OperationTypeApply"));

  EXPECT_THAT(Lock("other").diagnostics(), IsEmpty()) << "locks are per state";
  EXPECT_EQ(Unlock("default", "bogus").diagnostics_size(), 1);
  EXPECT_THAT(Unlock("default", first.lock_id()).diagnostics(), IsEmpty());
  EXPECT_THAT(Lock("default").diagnostics(), IsEmpty());
}

TEST_F(StateStoreProtocolTest, ListAndDelete) {
  Start();
  Configure(10);
  ASSERT_THAT(Write("default", Chunks(kState, 10)), IsEmpty());
  ASSERT_THAT(Write("dev", Chunks("{}", 10)), IsEmpty());
  EXPECT_THAT(States(), ElementsAre("default", "dev"));
  {
    grpc::ClientContext ctx;
    tfplugin6::DeleteState::Request req;
    req.set_type_name("test_mem");
    req.set_state_id("dev");
    tfplugin6::DeleteState::Response resp;
    ASSERT_TRUE(stub_->DeleteState(&ctx, req, &resp).ok());
    EXPECT_THAT(resp.diagnostics(), IsEmpty());
  }
  EXPECT_THAT(States(), ElementsAre("default"));
  {
    grpc::ClientContext ctx;
    tfplugin6::DeleteState::Request req;
    req.set_type_name("test_mem");
    req.set_state_id("dev");
    tfplugin6::DeleteState::Response resp;
    ASSERT_TRUE(stub_->DeleteState(&ctx, req, &resp).ok());
    ASSERT_EQ(resp.diagnostics_size(), 1);
    EXPECT_EQ(resp.diagnostics(0).summary(), "No such state");
  }
}

}  // namespace
}  // namespace tfsdk::internal
