// Load for `plantrack serve` (docs/benchmarks.md, "The server"): N clients POST entries for a
// number of seconds through the JSON API, each with its own connection and an API token;
// then every write answered 201 is looked up (GET /entries) to prove none was lost. Prints
// one JSON object: writes, writes per second, latency percentiles, errors by status, missing.
// A client whose connection fails (a server killed and restarted under it) retries until
// the time is up; what it sent then was never acknowledged and is not counted.
//
//   plantrack-http-load --port 8080 --token pt_... --ref PLAN/TARGET[,PLAN/TARGET...]
//                       [--clients 32] [--seconds 60] [--period 2019-06]

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
  int port = 8080;
  std::string token;
  std::vector<std::string> refs;
  int clients = 32;
  int seconds = 60;
  std::string period = "2019-06";
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "plantrack-http-load: error: " << why
            << "\nusage: plantrack-http-load --port P --token T --ref PLAN/TARGET[,...] "
               "[--clients N] [--seconds S] [--period P]\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) usage("option " + arg + " needs a value");
    std::string value = argv[++i];
    if (arg == "--port") o.port = std::atoi(value.c_str());
    else if (arg == "--token") o.token = value;
    else if (arg == "--clients") o.clients = std::atoi(value.c_str());
    else if (arg == "--seconds") o.seconds = std::atoi(value.c_str());
    else if (arg == "--period") o.period = value;
    else if (arg == "--ref") {
      for (size_t at = 0; at <= value.size();) {
        auto comma = value.find(',', at);
        if (comma == std::string::npos) comma = value.size();
        if (comma > at) o.refs.push_back(value.substr(at, comma - at));
        at = comma + 1;
      }
    } else usage("unknown option " + arg);
  }
  if (o.token.empty() || o.refs.empty() || o.clients < 1 || o.seconds < 1 || o.port < 1)
    usage("--port, --token and --ref are needed");
  return o;
}

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p * (sorted.size() - 1) + 0.5));
  return sorted[i];
}

} // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const httplib::Headers auth{{"Authorization", "Bearer " + o.token}};
  std::mutex mutex;
  std::map<std::string, std::map<long, long>> acknowledged; // ref -> id -> value
  std::vector<double> latencies_ms;
  std::map<std::string, long> errors; // status or "connection" -> count
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::seconds(o.seconds);

  std::vector<std::thread> threads;
  for (int c = 0; c < o.clients; ++c)
    threads.emplace_back([&, c] {
      httplib::Client http("127.0.0.1", o.port);
      http.set_connection_timeout(2);
      http.set_read_timeout(60);
      http.set_keep_alive(true);
      http.set_tcp_nodelay(true);
      std::vector<double> mine;
      std::map<std::string, std::map<long, long>> acked;
      std::map<std::string, long> failed;
      const std::string& ref = o.refs[static_cast<size_t>(c) % o.refs.size()];
      for (long i = 0; Clock::now() < deadline; ++i) {
        long value = static_cast<long>(c) * 100000000L + i;
        auto body = json{{"ref", ref}, {"value", value}, {"period", o.period}}.dump();
        auto sent = Clock::now();
        auto r = http.Post("/api/v1/entries", auth, body, "application/json");
        if (!r) {
          ++failed["connection"];
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
          continue;
        }
        if (r->status != 201) {
          ++failed[std::to_string(r->status)];
          continue;
        }
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        acked[ref][json::parse(r->body)["id"].get<long>()] = value;
      }
      std::lock_guard lock(mutex);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
      for (auto& [r, ids] : acked) acknowledged[r].insert(ids.begin(), ids.end());
      for (auto& [k, n] : failed) errors[k] += n;
    });
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  // Every acknowledged write must be stored, with its value.
  long missing = 0, wrong = 0;
  httplib::Client http("127.0.0.1", o.port);
  http.set_read_timeout(600);
  for (const auto& [ref, ids] : acknowledged) {
    auto r = http.Get(("/api/v1/entries?ref=" + ref).c_str(), auth);
    if (!r || r->status != 200) {
      std::cerr << "plantrack-http-load: error: cannot read back the entries of " << ref << "\n";
      return 1;
    }
    std::map<long, long> stored;
    for (const auto& e : json::parse(r->body))
      stored[e["id"].get<long>()] = e["value"].is_number() ? e["value"].get<long>() : -1;
    for (const auto& [id, value] : ids) {
      auto it = stored.find(id);
      if (it == stored.end()) ++missing;
      else if (it->second != value) ++wrong;
    }
  }

  std::sort(latencies_ms.begin(), latencies_ms.end());
  json out{{"clients", o.clients},
           {"seconds", elapsed},
           {"writes", latencies_ms.size()},
           {"writes_per_second", static_cast<double>(latencies_ms.size()) / elapsed},
           {"p50_ms", percentile(latencies_ms, 0.50)},
           {"p99_ms", percentile(latencies_ms, 0.99)},
           {"max_ms", latencies_ms.empty() ? 0.0 : latencies_ms.back()},
           {"errors", errors},
           {"acknowledged_missing", missing},
           {"acknowledged_wrong_value", wrong}};
  std::cout << out.dump() << "\n";
  return missing == 0 && wrong == 0 ? 0 : 1;
}
