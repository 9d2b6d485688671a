# The Debian package wireshark-sip-explain (CPack): cpack -G DEB in the build folder.
#
# Included last by the top-level CMakeLists.txt. With the plugin, the
# package depends on the Debian package that ships the libwireshark it was
# built against (found with dpkg-query), in that major.minor range.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME "wireshark-sip-explain")
set(CPACK_PACKAGE_VENDOR "sip_explain")
set(CPACK_PACKAGE_CONTACT "sip_explain developers <sip-explain@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Wireshark plugin that explains SIP responses")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
if(SIP_EXPLAIN_BUILD_PLUGIN)
  # A plugin runs only with the Wireshark major.minor it was built for:
  # depend on the package that ships this libwireshark, in that range.
  get_target_property(_epan_lib epan IMPORTED_LOCATION_NONE)
  if(NOT _epan_lib)
    get_target_property(_epan_lib epan LOCATION)
  endif()
  get_filename_component(_epan_real "${_epan_lib}" REALPATH)
  execute_process(COMMAND dpkg-query -S "${_epan_real}"
                  OUTPUT_VARIABLE _epan_pkg ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  string(REGEX REPLACE ":.*" "" _epan_pkg "${_epan_pkg}")
  if(NOT _epan_pkg)
    set(_epan_pkg "libwireshark16")
  endif()
  math(EXPR _ws_next_minor "${Wireshark_MINOR_VERSION} + 1")
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "${_epan_pkg} (>= ${Wireshark_MAJOR_VERSION}.${Wireshark_MINOR_VERSION}), ${_epan_pkg} (<< ${Wireshark_MAJOR_VERSION}.${_ws_next_minor}~)")
  message(STATUS "Debian package depends on: ${CPACK_DEBIAN_PACKAGE_DEPENDS}")
endif()
include(CPack)
