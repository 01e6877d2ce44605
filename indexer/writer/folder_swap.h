#pragma once

#include <filesystem>

namespace newsdex {

// Atomically exchanges two folders (renameat2 RENAME_EXCHANGE): a reader opening either path
// sees the old or the new folder, never a mix or nothing. Throws DatabaseError on failure.
void exchange_folders(const std::filesystem::path& a, const std::filesystem::path& b);

}  // namespace newsdex
