#include "writer/write_failure.h"

#include <cerrno>
#include <cstring>

namespace newsdex {

bool is_disk_full(const Xapian::Error& e) {
  const std::string description = e.get_description();
  for (const int code : {ENOSPC, EDQUOT})
    if (description.find(std::strerror(code)) != std::string::npos) return true;
  return false;
}

}  // namespace newsdex
