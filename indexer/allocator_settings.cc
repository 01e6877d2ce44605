// Allocator settings of newsdex-index, applied before anything allocates (built only with
// mimalloc: NEWSDEX_MIMALLOC on, sanitizers off).
//
// Each shard fills Xapian's posting maps with millions of small nodes and frees them at its
// commit, and the reader thread allocates every article's text. In 4 KiB pages that is a page
// fault per fresh page: ~22,000 for Reuters ×1, about 7% of the CPU on this (virtualised)
// machine. mimalloc asked for 2 MiB pages and for committing segments at once takes ~450
// faults: 6.6% less CPU and wall time (interleaved A/B, Reuters ×1, --jobs 2, medians of 10) for
// 6–20 MB more peak RSS. mimalloc 2.0 first tries the kernel's reserved huge page pool
// (MAP_HUGETLB, empty unless vm.nr_hugepages is set), then transparent huge pages ("always" or
// "madvise"), then falls back to 4 KiB pages. The MIMALLOC_* environment variables still decide
// when set: MIMALLOC_LARGE_OS_PAGES=0 turns this off.
#include <mimalloc.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace {

// mimalloc matches option names ignoring case, so this does too. (getenv() found nothing this
// early, glibc 2.36; the loader passes the environment instead.)
bool is_set(char** envp, std::string_view name) {
  const auto same_letter = [](char a, char b) {
    return std::toupper(static_cast<unsigned char>(a)) ==
           std::toupper(static_cast<unsigned char>(b));
  };
  for (char** entry = envp; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view variable(*entry);
    if (variable.size() > name.size() && variable[name.size()] == '=' &&
        std::equal(name.begin(), name.end(), variable.begin(), same_letter))
      return true;
  }
  return false;
}

void set_before_mimalloc_starts(int, char**, char** envp) {
  if (!is_set(envp, "MIMALLOC_LARGE_OS_PAGES")) mi_option_set(mi_option_large_os_pages, 1);
  if (!is_set(envp, "MIMALLOC_EAGER_COMMIT_DELAY")) mi_option_set(mi_option_eager_commit_delay, 0);
}

// .preinit_array runs before any shared library's initializer, so mimalloc starts with these
// settings. Set from main, they came too late for the main thread's first segments (8,800 faults
// instead of ~450). mi_option_set only stores a value: safe this early. Executables only.
[[gnu::section(".preinit_array"),
  gnu::used]] constexpr void (*kSetBeforeMimallocStarts)(int, char**,
                                                         char**) = &set_before_mimalloc_starts;

}  // namespace
