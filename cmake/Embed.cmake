# Compile text files (the plan schema, the SQL migrations) into the program, so the binary
# needs nothing beside it at run time and the files in schemas/ stay the single source.

# Write `output` declaring `constexpr std::string_view name` with the content of `input`.
function(plantrack_embed_text input name output)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${input}")
  file(READ "${input}" content)
  file(CONFIGURE OUTPUT "${output}" CONTENT
    "// Generated from ${input} by cmake/Embed.cmake; do not edit.\nconstexpr std::string_view ${name} = R\"plantrack_embed(@content@)plantrack_embed\";\n"
    @ONLY)
endfunction()

# Write `output` declaring `migrations`: {version, name, sql} for each NNN_name.sql in `dir`.
function(plantrack_embed_migrations dir output)
  file(GLOB files CONFIGURE_DEPENDS "${dir}/[0-9][0-9][0-9]_*.sql")
  list(SORT files)
  set(body "")
  foreach(file IN LISTS files)
    get_filename_component(base "${file}" NAME_WE)
    string(SUBSTRING "${base}" 0 3 version)
    math(EXPR version "${version}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
    file(READ "${file}" sql)
    string(APPEND body "  {${version}, \"${base}\", R\"plantrack_sql(${sql})plantrack_sql\"},\n")
  endforeach()
  file(CONFIGURE OUTPUT "${output}" CONTENT
    "// Generated from ${dir} by cmake/Embed.cmake; do not edit.\nstruct Migration { int version; const char* name; const char* sql; };\nconst Migration migrations[] = {\n@body@};\n"
    @ONLY)
endfunction()
