#include "part_servers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace newsdex::bench {
namespace {

constexpr const char* kTcpServer = "/usr/bin/xapian-tcpsrv";

sockaddr_in loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  return addr;
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = loopback(0);
  socklen_t size = sizeof addr;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) == 0;
  close(fd);
  return ok ? ntohs(addr.sin_port) : 0;
}

bool accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in addr = loopback(port);
  const bool ok = connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

PartServers::PartServers(const std::vector<std::filesystem::path>& databases) {
  if (access(kTcpServer, X_OK) != 0)
    throw std::runtime_error(std::string(kTcpServer) + " is missing (Debian's xapian-tools)");
  for (const auto& db : databases) {
    const int port = free_port();
    const std::string port_text = std::to_string(port);
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      setpgid(0, 0);  // its connections' children in its group, stopped with it
      execl(kTcpServer, kTcpServer, "--quiet", "--port", port_text.c_str(), "--interface",
            "127.0.0.1", db.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    pids_.push_back(pid);
    ports_.push_back(port);
    bool up = false;
    for (int wait = 0; wait < 400 && !up; ++wait) {
      up = accepts(port);
      if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (!up) throw std::runtime_error("xapian-tcpsrv did not start for " + db.string());
  }
}

PartServers::~PartServers() {
  for (const pid_t pid : pids_) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
  }
}

std::string PartServers::line(std::size_t i) const {
  return "remote 127.0.0.1:" + std::to_string(ports_.at(i));
}

void write_shard_map(const std::filesystem::path& file, const std::vector<std::string>& lines) {
  std::ofstream out(file);
  for (const auto& line : lines) out << line << "\n";
}

}  // namespace newsdex::bench
