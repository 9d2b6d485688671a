# The Debian package wireshark-sip-explain (CPack): cpack -G DEB in the build folder.
#
# Included last by the top-level CMakeLists.txt. With the plugin, the
# package depends on the Debian package that ships the libwireshark it was
# built against (found with dpkg-query), in that major.minor range.
# A package built on one Debian release does not install on another (each
# ships its own libwireshark), so the version carries the release it was
# built on: 0.1.0~deb12, 0.1.0~deb13, 0.1.0~sid (SIP_EXPLAIN_DEB_RELEASE,
# from /etc/os-release unless given). The "~" sorts before the bare version,
# and deb12 < deb13 < sid, the order of upgrades between releases.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME "wireshark-sip-explain")
set(CPACK_PACKAGE_VENDOR "sip_explain")
set(CPACK_PACKAGE_CONTACT "sip_explain developers <sip-explain@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Wireshark plugin that explains SIP responses")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
if(NOT DEFINED SIP_EXPLAIN_DEB_RELEASE)
  set(_deb_release "")
  if(EXISTS /etc/os-release)
    file(STRINGS /etc/os-release _os_id REGEX "^ID=")
    file(STRINGS /etc/os-release _os_version REGEX "^VERSION_ID=")
    file(STRINGS /etc/os-release _os_pretty REGEX "^PRETTY_NAME=")
    string(REGEX REPLACE "^ID=\"?([^\"]*)\"?$" "\\1" _os_id "${_os_id}")
    string(REGEX REPLACE "^VERSION_ID=\"?([^\"]*)\"?$" "\\1" _os_version "${_os_version}")
    if(_os_id STREQUAL "debian" AND _os_version)
      set(_deb_release "deb${_os_version}")
    elseif(_os_id STREQUAL "debian" AND _os_pretty MATCHES "/sid")
      # unstable and testing have no VERSION_ID ("forky/sid")
      set(_deb_release "sid")
    elseif(_os_id AND _os_version)
      set(_deb_release "${_os_id}${_os_version}")
    endif()
  endif()
  set(SIP_EXPLAIN_DEB_RELEASE "${_deb_release}" CACHE STRING
      "Release suffix of the Debian package version (deb12, deb13, sid; empty for none)")
endif()
if(SIP_EXPLAIN_DEB_RELEASE)
  set(CPACK_DEBIAN_PACKAGE_VERSION "${PROJECT_VERSION}~${SIP_EXPLAIN_DEB_RELEASE}")
endif()
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
# The licence, in the package's documentation folder (Debian's name for it:
# /usr/share/doc/<package>): LICENSE, the GPL-2.0 text under the project's
# copyright line, and copyright, the same terms in Debian's machine-readable
# format (Debian policy 12.5), which points at the GPL text every Debian
# system has in /usr/share/common-licenses. cmake --install puts both there
# too, under its prefix.
set(SIP_EXPLAIN_DOC_DIR "share/doc/${CPACK_PACKAGE_NAME}")
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/cmake/copyright
        DESTINATION ${SIP_EXPLAIN_DOC_DIR})
include(CPack)
