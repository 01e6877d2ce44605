#pragma once

#include <xapian.h>

#include <string>

namespace newsdex {

// True when a Xapian write failed because the disk (or quota) is full. Xapian reports the
// errno only in its message ("Error writing block 12 (No space left on device)").
bool is_disk_full(const Xapian::Error& e);

}  // namespace newsdex
