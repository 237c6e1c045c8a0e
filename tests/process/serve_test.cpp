// `plantrack serve` as a real process on loopback (SPEC §6): clients writing at once over
// HTTP, a clean stop on SIGTERM with the access log written, and a SIGKILL in the middle of
// the writes: after a restart every write that was answered 201 is there and the chain
// verifies.

#include "process.hpp"

#include "engine/accounts.hpp"
#include "engine/store.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

namespace plantrack::process {
namespace {

using nlohmann::json;

const std::string plan_text = support::test_plan_header("srv", "服务示例") + R"(  - id: count
    title: 企业数
    goal: g
    kind: level
    unit: 家
    rule: at_least
    value: 100
    deadline: 2020-12-31
    responsible: [区科委]
    source: "企业数达到100家"
)";

class Serve : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cli({"init"}).code, 0);
    write_file(dir.path() / "srv.yaml", plan_text);
    auto imported = cli({"plan", "import", (dir.path() / "srv.yaml").string()});
    ASSERT_EQ(imported.code, 0) << imported.err;
    auto store = engine::open_store(db);
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    engine::add_user(*store, "setup", {"admin", "admin", {}, {}}, "password-of-admin", now);
    engine::add_user(*store, "admin", {"王五", "official", {"区科委"}, {}}, "password-of-王五",
                     now);
    engine::add_user(*store, "admin", {"孙八", "auditor", {}, {}}, "password-of-孙八", now);
  }
  void TearDown() override {
    if (server > 0) {
      kill(server, SIGKILL);
      wait_for(server);
    }
  }

  Result cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    return run(args, dir.path() / ("cli" + std::to_string(++runs)));
  }

  // Start the server on a free loopback port; returns the port it printed.
  int start() {
    log = (dir.path() / ("serve" + std::to_string(++runs) + ".out")).string();
    server = spawn({"--db", db, "serve", "--listen", "127.0.0.1:0", "--threads", "4"}, log,
                   log + ".err");
    std::regex serving(R"(serving .* on http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 600; ++i) {
      std::smatch m;
      auto text = read_file(log);
      if (std::regex_search(text, m, serving)) return std::stoi(m[1]);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "the server did not start: " << read_file(log + ".err");
    return 0;
  }

  // A signed-in client: the session cookie and CSRF header set on every request.
  std::unique_ptr<httplib::Client> client(int port, const std::string& user) {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port);
    c->set_connection_timeout(5);
    c->set_read_timeout(60);
    auto r =
        c->Post("/api/v1/login", json{{"user", user}, {"password", "password-of-" + user}}.dump(),
                "application/json");
    if (!r || r->status != 200) {
      ADD_FAILURE() << "sign-in failed";
      return c;
    }
    auto cookie = r->get_header_value("Set-Cookie");
    c->set_default_headers({{"Cookie", cookie.substr(0, cookie.find(';'))},
                            {"X-CSRF-Token", json::parse(r->body)["csrf"].get<std::string>()}});
    return c;
  }

  TempDir dir{"plantrack-serve"};
  std::string db = (dir.path() / "plantrack.db").string();
  std::string log;
  pid_t server = 0;
  int runs = 0;
};

TEST_F(Serve, clients_write_at_once_and_sigterm_stops_cleanly_with_an_access_log) {
  int port = start();
  ASSERT_GT(port, 0);
  // A second server on the same port is refused, not let in to share the clients.
  auto second = cli({"serve", "--listen", "127.0.0.1:" + std::to_string(port)});
  EXPECT_EQ(second.code, 1);
  EXPECT_NE(second.err.find("cannot listen on 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << second.err;
  constexpr int clients = 4, each = 25;
  std::mutex mutex;
  std::set<long> ids;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      auto http = client(port, "王五");
      for (int i = 0; i < each; ++i) {
        auto body = json{
            {"ref", "srv/count"},
            {"value", c * 100 + i},
            {"period", "2019-" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1)}};
        auto r = http->Post("/api/v1/entries", body.dump(), "application/json");
        ASSERT_TRUE(r);
        ASSERT_EQ(r->status, 201) << r->body;
        std::lock_guard lock(mutex);
        ids.insert(json::parse(r->body)["id"].get<long>());
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ids.size(), static_cast<size_t>(clients * each));
  EXPECT_EQ(*ids.rbegin(), clients * each); // ids 1..100, none lost, none twice

  auto health = httplib::Client("127.0.0.1", port).Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  kill(server, SIGTERM);
  auto ended = wait_for(server);
  server = 0;
  EXPECT_TRUE(ended.exited());
  EXPECT_EQ(ended.code, 0);
  auto text = read_file(log);
  EXPECT_NE(text.find("plantrack: stopped"), std::string::npos);
  EXPECT_NE(text.find(" POST /api/v1/entries 201 "), std::string::npos);
  EXPECT_NE(text.find(" 王五"), std::string::npos);
  EXPECT_EQ(text.find("password-of"), std::string::npos); // secrets are never logged
  size_t lines = 0;
  for (size_t at = text.find("/api/v1/entries 201"); at != std::string::npos;
       at = text.find("/api/v1/entries 201", at + 1))
    ++lines;
  EXPECT_EQ(lines, static_cast<size_t>(clients * each));
  auto verified = cli({"--by", "孙八", "audit", "verify"});
  EXPECT_EQ(verified.code, 0) << verified.err;
}

TEST_F(Serve, after_a_sigkill_mid_write_every_acknowledged_entry_is_there_and_the_chain_verifies) {
  int port = start();
  ASSERT_GT(port, 0);
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::map<long, int> acknowledged;                      // id -> value
  std::vector<std::unique_ptr<httplib::Client>> clients; // signed in before the writes start
  for (int c = 0; c < 4; ++c) clients.push_back(client(port, "王五"));
  std::vector<std::thread> threads;
  for (int c = 0; c < 4; ++c)
    threads.emplace_back([&, c] {
      auto& http = clients[c];
      for (int i = 0; !stop; ++i) {
        int value = c * 100000 + i;
        auto r =
            http->Post("/api/v1/entries",
                       json{{"ref", "srv/count"}, {"value", value}, {"period", "2019-06"}}.dump(),
                       "application/json");
        if (!r) break; // the server is gone: this write was never acknowledged
        if (r->status != 201) continue;
        std::lock_guard lock(mutex);
        acknowledged[json::parse(r->body)["id"].get<long>()] = value;
      }
    });
  // Kill it once writes are flowing (a while after the first hundred are answered).
  for (int i = 0; i < 600; ++i) {
    {
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 100) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(server, SIGKILL);
  wait_for(server);
  server = 0;
  stop = true;
  for (auto& t : threads) t.join();
  ASSERT_FALSE(acknowledged.empty());

  port = start();
  ASSERT_GT(port, 0);
  auto http = client(port, "孙八");
  auto r = http->Get("/api/v1/entries?ref=srv/count");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  std::map<long, int> stored;
  for (const auto& e : json::parse(r->body)) stored[e["id"].get<long>()] = e["value"].get<int>();
  for (const auto& [id, value] : acknowledged) {
    ASSERT_TRUE(stored.count(id)) << "acknowledged entry " << id << " was lost";
    EXPECT_EQ(stored[id], value);
  }
  auto verified = cli({"--by", "孙八", "audit", "verify"});
  EXPECT_EQ(verified.code, 0) << verified.err << verified.out;
}

} // namespace
} // namespace plantrack::process
