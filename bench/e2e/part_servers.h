#pragma once

#include <sys/types.h>
#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::bench {

// xapian-tcpsrv serving each of some databases, read-only on loopback, each on a free port;
// stopped (with every connection it forked) on destruction.
class PartServers {
 public:
  // Throws std::runtime_error when xapian-tcpsrv is missing or a server does not start.
  explicit PartServers(const std::vector<std::filesystem::path>& databases);
  ~PartServers();
  PartServers(const PartServers&) = delete;
  PartServers& operator=(const PartServers&) = delete;

  // The shard map line of server `i` ("remote 127.0.0.1:PORT").
  std::string line(std::size_t i) const;
  std::size_t size() const { return ports_.size(); }

 private:
  std::vector<pid_t> pids_;
  std::vector<int> ports_;
};

// Writes a shard map of these lines.
void write_shard_map(const std::filesystem::path& file, const std::vector<std::string>& lines);

}  // namespace newsdex::bench
