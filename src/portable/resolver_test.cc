// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/portable/resolver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace tfsdk::portable {
namespace {

struct Entry {
  int family;
  int socktype;
  std::string address;
  int port;
};

std::string AddressOf(const struct addrinfo* ai) {
  char buf[INET6_ADDRSTRLEN] = {};
  const void* raw = ai->ai_family == AF_INET
                        ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(ai->ai_addr)->sin_addr)
                        : static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(ai->ai_addr)->sin6_addr);
  inet_ntop(ai->ai_family, raw, buf, sizeof buf);
  return buf;
}

int PortOf(const struct addrinfo* ai) {
  return ai->ai_family == AF_INET
             ? ntohs(reinterpret_cast<const sockaddr_in*>(ai->ai_addr)->sin_port)
             : ntohs(reinterpret_cast<const sockaddr_in6*>(ai->ai_addr)->sin6_port);
}

// Resolves and flattens the list; the return code goes to *rc.
std::vector<Entry> Resolve(const char* node, const char* service, const struct addrinfo& hints,
                           int* rc, const ResolverOptions& options = {},
                           std::string* canonical = nullptr) {
  struct addrinfo* res = nullptr;
  *rc = GetAddrInfo(node, service, &hints, &res, options);
  std::vector<Entry> out;
  for (const struct addrinfo* p = res; p != nullptr; p = p->ai_next) {
    out.push_back({p->ai_family, p->ai_socktype, AddressOf(p), PortOf(p)});
    if (canonical != nullptr && p == res && p->ai_canonname != nullptr) {
      *canonical = p->ai_canonname;
    }
  }
  FreeAddrInfo(res);
  return out;
}

struct addrinfo Hints(int family, int socktype, int flags = 0) {
  struct addrinfo h {};
  h.ai_family = family;
  h.ai_socktype = socktype;
  h.ai_flags = flags;
  return h;
}

class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    char name[] = "/tmp/tfsdk-resolver-XXXXXX";
    int fd = mkstemp(name);
    path_ = name;
    std::ofstream(path_) << content;
    close(fd);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A hosts file for the test process (c-ares reads $CARES_HOSTS, see resolver.h), with an
// empty name server list so that nothing reaches the machine's DNS.
class ResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hosts_ = std::make_unique<TempFile>(
        "# test hosts\n"
        "10.20.30.40  db.internal db\n"
        "fd00::17     v6only.internal\n"
        "10.0.0.1     both.internal\n"
        "fd00::1      both.internal\n");
    setenv("CARES_HOSTS", hosts_->path().c_str(), 1);
    resolv_ = std::make_unique<TempFile>("options timeout:1 attempts:1\n");
    options_.resolv_conf = resolv_->path();
    // A closed port: any query that does leave the hosts file fails fast.
    options_.dns_servers = "127.0.0.1:9";
    options_.timeout_ms = 200;
  }
  void TearDown() override { unsetenv("CARES_HOSTS"); }

  std::unique_ptr<TempFile> hosts_;
  std::unique_ptr<TempFile> resolv_;
  ResolverOptions options_;
};

TEST_F(ResolverTest, HostsFileNameAndAlias) {
  int rc = -1;
  auto got = Resolve("db.internal", "5432", Hints(AF_UNSPEC, SOCK_STREAM), &rc, options_);
  ASSERT_EQ(rc, 0) << gai_strerror(rc);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].family, AF_INET);
  EXPECT_EQ(got[0].socktype, SOCK_STREAM);
  EXPECT_EQ(got[0].address, "10.20.30.40");
  EXPECT_EQ(got[0].port, 5432);

  got = Resolve("db", "80", Hints(AF_INET, SOCK_STREAM), &rc, options_);
  ASSERT_EQ(rc, 0) << gai_strerror(rc);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].address, "10.20.30.40");
}

TEST_F(ResolverTest, FamiliesAreFiltered) {
  int rc = -1;
  auto both = Resolve("both.internal", "1", Hints(AF_UNSPEC, SOCK_STREAM), &rc, options_);
  ASSERT_EQ(rc, 0) << gai_strerror(rc);
  std::vector<std::string> addresses;
  for (const Entry& e : both) addresses.push_back(e.address);
  EXPECT_EQ(addresses.size(), 2u);
  EXPECT_NE(std::find(addresses.begin(), addresses.end(), "10.0.0.1"), addresses.end());
  EXPECT_NE(std::find(addresses.begin(), addresses.end(), "fd00::1"), addresses.end());

  auto v6 = Resolve("both.internal", "1", Hints(AF_INET6, SOCK_STREAM), &rc, options_);
  ASSERT_EQ(rc, 0);
  ASSERT_EQ(v6.size(), 1u);
  EXPECT_EQ(v6[0].family, AF_INET6);
  EXPECT_EQ(v6[0].address, "fd00::1");

  Resolve("v6only.internal", "1", Hints(AF_INET, SOCK_STREAM), &rc, options_);
  EXPECT_NE(rc, 0);
}

TEST_F(ResolverTest, AnySocketTypeGivesStreamDatagramAndRaw) {
  int rc = -1;
  auto got = Resolve("db.internal", "53", Hints(AF_INET, 0), &rc, options_);
  ASSERT_EQ(rc, 0) << gai_strerror(rc);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].socktype, SOCK_STREAM);
  EXPECT_EQ(got[1].socktype, SOCK_DGRAM);
  EXPECT_EQ(got[2].socktype, SOCK_RAW);
}

TEST_F(ResolverTest, NumericHostsNeedNoLookup) {
  int rc = -1;
  auto got = Resolve("192.0.2.7", "443", Hints(AF_UNSPEC, SOCK_STREAM, AI_NUMERICHOST), &rc,
                     options_);
  ASSERT_EQ(rc, 0) << gai_strerror(rc);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].address, "192.0.2.7");
  EXPECT_EQ(got[0].port, 443);

  got = Resolve("2001:db8::5", nullptr, Hints(AF_UNSPEC, SOCK_STREAM), &rc, options_);
  ASSERT_EQ(rc, 0) << gai_strerror(rc);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].address, "2001:db8::5");

  Resolve("db.internal", "1", Hints(AF_UNSPEC, SOCK_STREAM, AI_NUMERICHOST), &rc, options_);
  EXPECT_EQ(rc, EAI_NONAME);
}

TEST_F(ResolverTest, NullNodeIsLoopbackOrWildcard) {
  int rc = -1;
  auto got = Resolve(nullptr, "8080", Hints(AF_INET, SOCK_STREAM), &rc, options_);
  ASSERT_EQ(rc, 0);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].address, "127.0.0.1");
  EXPECT_EQ(got[0].port, 8080);

  got = Resolve(nullptr, "8080", Hints(AF_UNSPEC, SOCK_STREAM, AI_PASSIVE), &rc, options_);
  ASSERT_EQ(rc, 0);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].address, "::");
  EXPECT_EQ(got[1].address, "0.0.0.0");

  Resolve(nullptr, nullptr, Hints(AF_UNSPEC, SOCK_STREAM), &rc, options_);
  EXPECT_EQ(rc, EAI_NONAME);
}

TEST_F(ResolverTest, ServiceNamesComeFromTheServicesFile) {
  TempFile services("# name port/proto aliases\nhttps 443/tcp\nhttps 443/udp\n"
                    "postgresql 5432/tcp postgres\n");
  options_.services = services.path();
  int rc = -1;
  auto got = Resolve("db.internal", "postgres", Hints(AF_INET, SOCK_STREAM), &rc, options_);
  ASSERT_EQ(rc, 0) << gai_strerror(rc);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].port, 5432);

  Resolve("db.internal", "gopher", Hints(AF_INET, SOCK_STREAM), &rc, options_);
  EXPECT_EQ(rc, EAI_SERVICE);
  Resolve("db.internal", "https", Hints(AF_INET, SOCK_STREAM, AI_NUMERICSERV), &rc, options_);
  EXPECT_EQ(rc, EAI_NONAME);
  Resolve("db.internal", "70000", Hints(AF_INET, SOCK_STREAM), &rc, options_);
  EXPECT_EQ(rc, EAI_SERVICE);
}

TEST_F(ResolverTest, BadHints) {
  int rc = -1;
  Resolve("db.internal", "1", Hints(AF_UNIX, SOCK_STREAM), &rc, options_);
  EXPECT_EQ(rc, EAI_FAMILY);
  Resolve("db.internal", "1", Hints(AF_INET, SOCK_STREAM, 0x40000000), &rc, options_);
  EXPECT_EQ(rc, EAI_BADFLAGS);
}

// A UDP socket bound to a free loopback port; returns the socket and sets `port`.
int BindLoopbackUdp(int& port) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&sin), sizeof sin);
  socklen_t len = sizeof sin;
  getsockname(fd, reinterpret_cast<sockaddr*>(&sin), &len);
  port = ntohs(sin.sin_port);
  return fd;
}

// A DNS server on a loopback UDP port: answers A queries for `name` with `address`,
// NXDOMAIN for other names and an empty NOERROR answer for other types.
class FakeDns {
 public:
  FakeDns(std::string name, std::string address)
      : name_(std::move(name)), address_(std::move(address)) {
    fd_ = BindLoopbackUdp(port_);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeDns() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }
  int queries() const { return queries_; }

 private:
  void Serve() {
    while (!stop_) {
      struct pollfd p {fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      unsigned char buf[512];
      sockaddr_in from{};
      socklen_t from_len = sizeof from;
      ssize_t n = recvfrom(fd_, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &from_len);
      if (n < 12) continue;
      ++queries_;
      // The question: labels up to the zero byte, then type and class.
      size_t pos = 12;
      std::string qname;
      while (pos < static_cast<size_t>(n) && buf[pos] != 0) {
        size_t len = buf[pos];
        if (!qname.empty()) qname += '.';
        qname.append(reinterpret_cast<char*>(buf + pos + 1), len);
        pos += len + 1;
      }
      pos += 1;
      if (pos + 4 > static_cast<size_t>(n)) continue;
      int qtype = buf[pos] << 8 | buf[pos + 1];
      size_t question_end = pos + 4;
      std::vector<unsigned char> out(buf, buf + question_end);
      bool known = qname == name_;
      bool answer = known && qtype == 1;
      out[2] = 0x81;                      // QR, RD
      out[3] = known ? 0x80 : 0x83;       // RA; NXDOMAIN for unknown names
      out[6] = 0;
      out[7] = answer ? 1 : 0;            // ANCOUNT
      out[8] = out[9] = out[10] = out[11] = 0;
      if (answer) {
        in_addr a{};
        inet_pton(AF_INET, address_.c_str(), &a);
        const unsigned char* ip = reinterpret_cast<unsigned char*>(&a);
        unsigned char rr[] = {0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, ip[0], ip[1], ip[2], ip[3]};
        out.insert(out.end(), rr, rr + sizeof rr);
      }
      sendto(fd_, out.data(), out.size(), 0, reinterpret_cast<sockaddr*>(&from), from_len);
    }
  }

  std::string name_, address_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> queries_{0};
  std::thread thread_;
};

TEST_F(ResolverTest, NamesNotInTheHostsFileGoToDns) {
  FakeDns dns("api.example.test", "192.0.2.44");
  options_.dns_servers = dns.server();
  int rc = -1;
  std::string canonical;
  auto got = Resolve("api.example.test", "443", Hints(AF_INET, SOCK_STREAM, AI_CANONNAME), &rc,
                     options_, &canonical);
  ASSERT_EQ(rc, 0) << gai_strerror(rc);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].address, "192.0.2.44");
  EXPECT_EQ(got[0].port, 443);
  EXPECT_EQ(canonical, "api.example.test");
  EXPECT_GE(dns.queries(), 1);

  Resolve("missing.example.test", "443", Hints(AF_INET, SOCK_STREAM), &rc, options_);
  EXPECT_EQ(rc, EAI_NONAME);

  // The hosts file wins without asking DNS.
  int before = dns.queries();
  got = Resolve("db.internal", "1", Hints(AF_INET, SOCK_STREAM), &rc, options_);
  ASSERT_EQ(rc, 0);
  EXPECT_EQ(got[0].address, "10.20.30.40");
  EXPECT_EQ(dns.queries(), before);
}

TEST_F(ResolverTest, AnUnansweredQueryIsATemporaryFailure) {
  // A bound socket that never answers.
  int silent_port = 0;
  int silent = BindLoopbackUdp(silent_port);
  options_.dns_servers = "127.0.0.1:" + std::to_string(silent_port);
  options_.timeout_ms = 100;

  auto start = std::chrono::steady_clock::now();
  int rc = -1;
  Resolve("slow.example.test", "443", Hints(AF_INET, SOCK_STREAM), &rc, options_);
  auto elapsed = std::chrono::steady_clock::now() - start;
  close(silent);
  EXPECT_EQ(rc, EAI_AGAIN) << gai_strerror(rc);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST_F(ResolverTest, ConcurrentLookups) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        int rc = -1;
        auto got = Resolve("db.internal", "1", Hints(AF_INET, SOCK_STREAM), &rc, options_);
        if (rc != 0 || got.size() != 1 || got[0].address != "10.20.30.40") ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace tfsdk::portable
