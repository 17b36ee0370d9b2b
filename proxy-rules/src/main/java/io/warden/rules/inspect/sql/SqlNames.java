package io.warden.rules.inspect.sql;

import java.util.HashMap;
import java.util.Map;

/**
 * The names injections call and query: functions by family (delay, error extraction, file
 * access, fingerprinting, string building), type names, and system catalogues with whether each
 * is also an ordinary word. {@link SqlWords} builds its look-up tables from them.
 */
final class SqlNames {

    private SqlNames() {
    }

    static Map<String, Integer> functions() {
        Map<String, Integer> m = new HashMap<>();
        put(m, SqlWords.FN_TIME, "sleep", "benchmark", "pg_sleep", "pg_sleep_for", "randomblob", "dbms_lock",
                "receive_message", "generate_series");
        put(m, SqlWords.FN_ERROR, "extractvalue", "updatexml", "xmltype", "exp", "name_const", "geometrycollection",
                "polygon", "multipoint", "multipolygon", "linestring", "multilinestring", "gtid_subset",
                "utl_inaddr", "get_host_name", "ctxsys", "drithsx", "dbms_xmlgen", "json_keys", "st_latfromgeohash",
                "procedure_analyse");
        put(m, SqlWords.FN_FILE, "load_file", "pg_read_file", "pg_ls_dir", "lo_import", "lo_export", "openrowset",
                "opendatasource", "xp_cmdshell", "xp_dirtree", "xp_regread", "xp_fileexist", "sp_oacreate",
                "sp_executesql", "sp_password", "sys_exec", "sys_eval", "utl_http", "dbms_pipe",
                "pg_read_binary_file", "xp_servicecontrol", "xp_availablemedia", "sp_makewebtask");
        put(m, SqlWords.FN_INFO, "version", "database", "schema", "user", "current_user", "system_user", "session_user",
                "connection_id", "db_name", "user_name", "suser_name", "suser_sname", "host_name",
                "is_srvrolemember", "sqlite_version", "sqlite_compileoption_used", "pg_backend_pid",
                "current_database", "current_schema", "last_insert_id", "row_count", "found_rows",
                "object_id", "object_name", "has_dbaccess", "is_member", "banner");
        put(m, SqlWords.FN_STRING, "char", "chr", "nchar", "concat", "concat_ws", "group_concat", "string_agg", "hex",
                "unhex", "ascii", "ord", "substring", "substr", "mid", "length", "len", "char_length",
                "make_set", "elt", "lpad", "rpad", "reverse", "md5", "sha1", "sha2", "conv", "if", "iif",
                "ifnull", "isnull", "nullif", "coalesce", "instr", "locate", "position", "replace", "strcmp",
                "lower", "upper", "lcase", "ucase", "trim", "ltrim", "rtrim", "left", "right", "bin", "oct",
                "aes_encrypt", "aes_decrypt", "compress", "uncompress", "encode", "decode", "from_base64",
                "to_base64", "quote", "soundex", "space", "repeat", "field", "find_in_set", "export_set",
                "json_extract", "json_valid", "json_object", "json_array", "regexp_substr", "regexp_like",
                "unistr", "utl_raw", "rawtohex", "to_char", "to_number", "xmlagg", "listagg", "printf",
                "zeroblob", "unicode", "glob", "likely", "unlikely", "typeof", "quote_ident", "quote_literal",
                "password", "old_password", "encrypt", "des_encrypt", "encode");
        put(m, SqlWords.FN_OTHER, "cast", "convert", "floor", "rand", "minute", "hour", "second", "week", "quarter",
                "dayofweek", "dayname", "monthname", "weekday", "yearweek", "count", "min", "max", "sum", "avg", "round", "abs", "now", "sysdate", "curdate",
                "curtime", "uuid", "greatest", "least", "default", "values", "row", "exists", "power",
                "pow", "sqrt", "sign", "ceil", "ceiling", "truncate", "crc32", "bit_count", "bit_length",
                "octet_length", "date", "year", "month", "day", "format", "str_to_date", "date_format",
                "random", "changes", "total_changes", "last_insert_rowid", "julianday", "strftime",
                "waitfor", "analyse", "array", "nvl", "decode_",
                "any_value", "interval", "st_astext", "current_setting", "set_config", "array_agg",
                "jsonb_build_object", "json_build_object", "pg_typeof", "datalength", "collation");
        return m;
    }

    static Map<String, Integer> types() {
        Map<String, Integer> m = new HashMap<>();
        put(m, 1, "int", "integer", "bigint", "smallint", "tinyint", "int2", "int4", "int8", "numeric", "decimal",
                "real", "float", "float4", "float8", "double", "text", "varchar", "nvarchar", "char", "nchar",
                "bpchar", "json", "jsonb", "xml", "bool", "boolean", "bytea", "date", "timestamp", "timestamptz",
                "regclass", "oid", "uuid", "inet", "money", "bit", "varbinary", "binary", "signed", "unsigned",
                "sql_variant", "ntext", "datetime", "character");
        return m;
    }

    static Map<String, Integer> catalogs() {
        Map<String, Integer> m = new HashMap<>();
        put(m, SqlWords.CATALOG_DISTINCT, "information_schema", "sysobjects", "syscolumns", "sysdatabases", "sysusers",
                "sys_objects", "pg_catalog", "pg_tables", "pg_user", "pg_shadow", "pg_database",
                "sqlite_master", "sqlite_schema", "sqlite_temp_master", "all_tables", "all_tab_columns",
                "user_tables", "dba_users", "all_users", "v$version", "msysobjects",
                "msysaccessobjects", "performance_schema", "innodb_table_stats", "sysibm", "syscat");
        put(m, 1, "mysql", "master", "sys", "schemata", "tables", "columns", "dual", "systables");
        return m;
    }

    private static void put(Map<String, Integer> m, int code, String... words) {
        for (String w : words) {
            m.putIfAbsent(w, code);
        }
    }
}
