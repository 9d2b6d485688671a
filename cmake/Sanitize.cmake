# sip_explain_sanitize(TARGET...): builds the targets with AddressSanitizer and UndefinedBehaviorSanitizer (SANITIZE=ON).
#
# Only the targets named get the options, so a sanitized build never
# changes how anything else is compiled or linked. A static library passes
# the link option on to whatever links it (it is not linked itself); a
# module or executable is linked with it.

set(SIP_EXPLAIN_SANITIZE_COMPILE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
set(SIP_EXPLAIN_SANITIZE_LINK -fsanitize=address,undefined)

function(sip_explain_sanitize)
  foreach(target IN LISTS ARGN)
    target_compile_options(${target} PRIVATE ${SIP_EXPLAIN_SANITIZE_COMPILE})
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "STATIC_LIBRARY")
      target_link_options(${target} INTERFACE ${SIP_EXPLAIN_SANITIZE_LINK})
    else()
      target_link_options(${target} PRIVATE ${SIP_EXPLAIN_SANITIZE_LINK})
    endif()
  endforeach()
endfunction()
