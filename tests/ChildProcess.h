// Test support for suites that run kioskctl as a server: a child process with its stdout on a pipe, and a wait for a
// TCP port. Used by sync_tests and checkin_sync_tests.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

namespace kiosk::test {

/// A child process (fork/exec) with its stdout on a pipe (stderr to /dev/null); SIGTERM and reaped at scope exit.
class Child {
 public:
  explicit Child(const std::vector<std::string>& argv) {
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    m_pid = ::fork();
    REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
      ::dup2(pipe_fds[1], STDOUT_FILENO);
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDERR_FILENO);
      ::close(pipe_fds[0]);
      std::vector<char*> args;
      for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
      args.push_back(nullptr);
      ::execvp(args[0], args.data());
      ::_exit(127);
    }
    ::close(pipe_fds[1]);
    m_out = pipe_fds[0];
  }
  ~Child() {
    Stop();
    ::close(m_out);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  /// The first line the child prints, waiting up to `timeout`; empty when none came.
  std::string ReadLine(std::chrono::milliseconds timeout) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd fd{m_out, POLLIN, 0};
      if (::poll(&fd, 1, 50) <= 0) continue;
      char c;
      if (::read(m_out, &c, 1) != 1) break;
      if (c == '\n') return line;
      line += c;
    }
    return line;
  }

  /// Sends `signal` and reaps: the exit code, or -1 when killed by a signal.
  int Stop(int signal = SIGTERM) {
    if (m_pid <= 0) return m_status;
    ::kill(m_pid, signal);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    m_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return m_status;
  }

 private:
  pid_t m_pid = -1;
  int m_out = -1;
  int m_status = -1;
};

/// Waits until something accepts TCP connections on 127.0.0.1:port (up to 5 s).
inline bool WaitForPort(int port) {
  for (int i = 0; i < 100; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    if (ok) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace kiosk::test
