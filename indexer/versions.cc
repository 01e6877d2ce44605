#include "versions.h"

#include <unicode/uversion.h>
#include <xapian.h>
#include <zstd.h>

#ifdef NEWSDEX_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace newsdex {

std::string indexer_version_line() {
  char icu[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, icu);
  std::string line = std::string("newsdex-index ") + NEWSDEX_VERSION + " (Xapian " +
                     Xapian::version_string() + ", ICU " + icu + ", zstd " + ZSTD_versionString();
#ifdef NEWSDEX_WITH_MIMALLOC
  const int mi = mi_version();  // 209 for 2.0.9
  line += ", mimalloc " + std::to_string(mi / 100) + "." + std::to_string(mi / 10 % 10) + "." +
          std::to_string(mi % 10);
  // What allocator_settings.cc (or MIMALLOC_LARGE_OS_PAGES) asked for; whether the kernel
  // grants huge pages is its own setting.
  if (mi_option_is_enabled(mi_option_large_os_pages)) line += ", 2 MiB pages requested";
#else
  line += ", system malloc";
#endif
  return line + ")";
}

}  // namespace newsdex
