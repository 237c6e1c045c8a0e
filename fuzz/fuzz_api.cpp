// libFuzzer target: the JSON API of `plantrack serve` (server::Api) on arbitrary requests, as
// an official of every org of the fixture plans signed in with a token, on an in-memory
// database holding those plans. The first byte picks the endpoint (or, for 6, the rest is the
// path); the rest is the body or the query. The contract: every reply is a status below 500
// whose body is JSON, and every 4xx carries {"error": ...}. A 500, a crash, a hang or a
// sanitizer report is a bug.

#include "engine/accounts.hpp"
#include "planfile/plan_file.hpp"
#include "server/api.hpp"
#include "support/api_request.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace {

using namespace plantrack;

const Timestamp now = date::sys_days(date::year(2019) / 6 / 30);

struct Fixture {
  server::StorePool stores{":memory:", 1}; // one connection, kept: the database lives in it
  server::Api api{stores, [] { return now; }};
  std::string token;

  Fixture() {
    auto lease = stores.acquire();
    auto& store = *lease;
    std::vector<storage::PlanDocument> plans;
    std::set<std::string> orgs;
    for (const auto& file : std::filesystem::directory_iterator(std::string(PLANTRACK_SOURCE_DIR) +
                                                                "/fixtures/plans")) {
      auto loaded = planfile::load_plan_file(file.path().string());
      for (const auto& t : loaded.plan.targets)
        orgs.insert(t.responsible.begin(), t.responsible.end());
      for (const auto& t : loaded.plan.tasks)
        orgs.insert(t.responsible.begin(), t.responsible.end());
      plans.push_back({std::move(loaded.plan), std::move(loaded.document)});
    }
    store.import_plans(plans, now, "fuzz", "");
    engine::add_user(store, "fuzz", {"admin", "admin", {}, {}}, "password-of-admin", now);
    engine::add_user(store, "admin", {"official", "official", {orgs.begin(), orgs.end()}, {}},
                     "password-of-official", now);
    token = engine::create_token(store, "admin", "official", now);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& f = fixture();
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  server::Request request;
  request.method = "POST";
  request.headers = {{"authorization", "Bearer " + f.token}, {"content-type", "application/json"}};
  request.client = "127.0.0.1";
  auto query = [&](const std::string& text) { support::add_query(request, text); };
  switch (data[0] % 8) {
  case 0: request.path = "/api/v1/entries", request.body = rest; break;
  case 1: request.path = "/api/v1/entries/1/correction", request.body = rest; break;
  case 2: request.path = "/api/v1/entries/1/retraction", request.body = rest; break;
  case 3: request.path = "/api/v1/approvals", request.body = rest; break;
  case 4: request.method = "GET", request.path = "/api/v1/status", query(rest); break;
  case 5: request.method = "GET", request.path = "/api/v1/entries", query(rest); break;
  case 6: request.path = rest, request.body = "{}"; break;
  default: request.method = "GET", request.path = "/api/v1/approvals", query(rest); break;
  }
  auto response = f.api.handle(request);
  if (response.status >= 500 || response.status < 200) {
    std::fprintf(stderr, "status %d: %s\n", response.status, response.body.c_str());
    std::abort();
  }
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded() || (response.status >= 400 && !body.contains("error"))) {
    std::fprintf(stderr, "not a JSON error: %s\n", response.body.c_str());
    std::abort();
  }
  return 0;
}
