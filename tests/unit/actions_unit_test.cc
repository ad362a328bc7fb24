// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The "x" test provider (tests/actions/) through the unit harness: the x_notify action and
// the file-backed x_fs state store, without a Terraform binary.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "actions_provider.h"
#include "tfsdk/testing/unit.h"

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using tfsdk::testing::UnitHarness;

TEST(ActionsUnitTest, NotifyInvocations) {
  auto backend = std::make_shared<actions_test::Backend>();
  auto provider = actions_test::MakeProvider(backend);
  UnitHarness h(*provider);
  ASSERT_NE(h.ActionSchema("x_notify"), nullptr);

  auto ok = h.InvokeAction("x_notify", R"({"message": "hello", "channel": "ops"})");
  ASSERT_TRUE(ok.ok()) << ok.diagnostics.ToString();
  EXPECT_TRUE(ok.invoked);
  EXPECT_THAT(ok.progress, ElementsAre(actions_test::ProgressSending("ops"),
                                       actions_test::ProgressDelivered("hello")));
  ASSERT_EQ(backend->notifications().size(), 1u);
  EXPECT_EQ(backend->notifications()[0].message, "hello");

  auto invalid = h.ValidateAction("x_notify", R"({"message": ""})");
  ASSERT_TRUE(invalid.HasError());
  EXPECT_THAT(invalid.ToString(), HasSubstr("message"));

  auto closed = h.InvokeAction("x_notify", R"({"message": "hi", "channel": "closed"})");
  EXPECT_FALSE(closed.invoked);
  EXPECT_THAT(closed.diagnostics.ToString(), HasSubstr("Channel closed"));

  auto thrown = h.InvokeAction("x_notify", R"({"message": "hi", "fail": "throw"})");
  EXPECT_TRUE(thrown.invoked);
  EXPECT_THAT(thrown.progress, ElementsAre(actions_test::ProgressSending("general")));
  EXPECT_THAT(thrown.diagnostics.ToString(), HasSubstr("chat server unreachable"));
  EXPECT_EQ(backend->notifications().size(), 1u);
}

TEST(ActionsUnitTest, FileStateStore) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("tfsdk-x-fs-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto provider = actions_test::MakeProvider(std::make_shared<actions_test::Backend>());
  UnitHarness h(*provider);
  std::string config = R"({"directory": ")" + dir.string() + R"("})";

  EXPECT_TRUE(h.ValidateStateStore("x_fs", R"({"directory": ""})").HasError());
  EXPECT_THAT(h.ReadState("x_fs", "default").diagnostics.ToString(),
              HasSubstr("not configured"));
  ASSERT_FALSE(h.ConfigureStateStore("x_fs", config, 16).HasError());

  std::string state = R"({"version": 4, "serial": 1, "lineage": "abc", "resources": []})";
  EXPECT_EQ(h.ReadState("x_fs", "default").bytes, "");
  ASSERT_FALSE(h.WriteState("x_fs", "default", state).HasError());
  EXPECT_EQ(h.ReadState("x_fs", "default").bytes, state);
  ASSERT_FALSE(h.WriteState("x_fs", "dev", "{}").HasError());
  EXPECT_THAT(h.States("x_fs").state_ids, ElementsAre("default", "dev"));

  auto lock = h.LockState("x_fs", "default");
  ASSERT_TRUE(lock.ok()) << lock.diagnostics.ToString();
  auto conflict = h.LockState("x_fs", "default", "OperationTypePlan");
  EXPECT_TRUE(conflict.lock_id.empty());
  EXPECT_THAT(conflict.diagnostics.ToString(), HasSubstr(lock.lock_id));
  EXPECT_TRUE(h.UnlockState("x_fs", "default", "nope").HasError());
  EXPECT_FALSE(h.UnlockState("x_fs", "default", lock.lock_id).HasError());
  EXPECT_TRUE(h.LockState("x_fs", "default").ok());

  EXPECT_FALSE(h.DeleteState("x_fs", "dev").HasError());
  EXPECT_THAT(h.States("x_fs").state_ids, ElementsAre("default"));
  EXPECT_TRUE(h.DeleteState("x_fs", "default").HasError());
  fs::remove_all(dir);
}

}  // namespace
