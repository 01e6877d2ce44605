#include "writer/folder_swap.h"

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <cstring>

#include "newsdex/error.h"

namespace newsdex {

void exchange_folders(const std::filesystem::path& a, const std::filesystem::path& b) {
  if (renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0)
    throw DatabaseError("cannot swap " + a.string() + " and " + b.string() + ": " +
                        std::strerror(errno));
}

}  // namespace newsdex
