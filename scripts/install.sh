#!/usr/bin/env bash
# Installs Warden as a systemd service on this host:
#   /opt/warden/warden.jar, /opt/warden/docs/     the program and the operator guide (replaced on upgrade)
#   /etc/warden/warden.yaml                       the configuration (installed once, then yours)
#   /etc/warden/warden.env                        secrets, root-only 0600, with a random admin token (installed once)
#   /etc/systemd/system/warden.service            the hardened unit (replaced on upgrade; change it with drop-ins)
#   /var/lib/warden, /var/log/warden              data and log directories of the system user warden
#
#   sudo scripts/install.sh [--jar FILE]          install, or upgrade in place
#   scripts/install.sh --prefix DIR [--jar FILE]  dry run: the same files under DIR, no user, no
#                                                 chown, no systemctl; prints what it would run
#
# Idempotent: a second run changes nothing and says "unchanged" or "kept" for every path.
# It does not start or restart Warden; it prints the commands for that.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
jar=$repo/proxy-core/target/warden.jar
prefix=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "$1"; }

while (($#)); do
  case $1 in
    --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
    --jar) jar=${2:?--jar needs a file}; shift 2 ;;
    -h | --help) usage 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage 2 >&2 ;;
  esac
done

[[ -f $jar ]] || { echo "install.sh: no $jar; build it first: ./mvnw -B -DskipTests package" >&2; exit 1; }
if [[ -z $prefix && $EUID -ne 0 ]]; then
  echo "install.sh: run as root (sudo), or try it out with --prefix DIR" >&2
  exit 1
fi
if [[ -n $prefix ]]; then
  mkdir -p "$prefix"
  prefix=$(cd "$prefix" && pwd)
fi

say() { printf '%-10s%s\n' "$1" "$2"; }
dry() { [[ -n $prefix ]]; }

# Runs a command that changes the host, or in a dry run says it would.
host() {
  if dry; then say "would run" "$*"; else "$@"; fi
}

# Sets the mode, and outside a dry run the owner, of an installed path when they differ.
fix_access() {
  local path=$1 mode=$2 owner=$3
  if [[ $(stat -c %a "$prefix$path") != "${mode#0}" ]]; then
    chmod "$mode" "$prefix$path"
    say "mode" "$path $mode"
  fi
  if ! dry && [[ $(stat -c %U:%G "$path") != "$owner" ]]; then
    chown "$owner" "$path"
    say "owner" "$path $owner"
  fi
}

directory() {
  local path=$1 mode=$2 owner=$3
  if [[ -d $prefix$path ]]; then
    say "unchanged" "$path/"
  else
    mkdir -p "$(dirname "$prefix$path")"
    mkdir -m "$mode" "$prefix$path"
    dry || chown "$owner" "$path"
    say "created" "$path/ ($mode $owner)"
  fi
  fix_access "$path" "$mode" "$owner"
}

# policy replace: ours, updated when it differs (the jar, the unit, the docs);
# policy keep: the operator's once installed (the configuration, the secrets).
file() {
  local source=$1 path=$2 mode=$3 owner=$4 policy=$5
  local target=$prefix$path
  if [[ -e $target ]] && { [[ $policy == keep ]] || cmp -s "$source" "$target"; }; then
    say "$([[ $policy == keep ]] && echo kept || echo unchanged)" "$path"
  else
    local action=created
    [[ -e $target ]] && action=updated
    # A new file beside the old one, renamed over it: a running Warden keeps its open jar.
    install -m "$mode" "$source" "$target.new"
    dry || chown "$owner" "$target.new"
    mv -f "$target.new" "$target"
    say "$action" "$path ($mode $owner)"
    changed+=("$path")
  fi
  fix_access "$path" "$mode" "$owner"
}

changed=()

if ! dry && id -u warden >/dev/null 2>&1; then
  say "unchanged" "user warden"
else
  host useradd --system --user-group --home-dir /var/lib/warden --no-create-home --shell /usr/sbin/nologin warden
  dry || say "created" "user warden"
fi

directory /opt/warden 0755 root:root
directory /opt/warden/docs 0755 root:root
directory /etc/warden 0750 root:warden
directory /var/lib/warden 0750 warden:warden
directory /var/log/warden 0750 warden:warden

file "$jar" /opt/warden/warden.jar 0644 root:root replace
for doc in "$repo"/docs/*.md; do
  file "$doc" "/opt/warden/docs/${doc##*/}" 0644 root:root replace
done
file "$repo/conf/warden.yaml" /etc/warden/warden.yaml 0640 root:warden keep

# The environment file gets a fresh random admin token the first time only.
env_template=$(mktemp)
trap 'rm -f "$env_template"' EXIT
token=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
sed "s/^WARDEN_ADMIN_TOKEN=$/WARDEN_ADMIN_TOKEN=$token/" "$repo/conf/warden.env" > "$env_template"
file "$env_template" /etc/warden/warden.env 0600 root:root keep

mkdir -p "$prefix/etc/systemd/system"
file "$repo/conf/warden.service" /etc/systemd/system/warden.service 0644 root:root replace

if printf '%s\n' "${changed[@]}" | grep -qx /etc/systemd/system/warden.service; then
  if dry || [[ -d /run/systemd/system ]]; then
    host systemctl daemon-reload
  else
    say "skipped" "systemctl daemon-reload: systemd is not running on this host"
  fi
fi

if ((${#changed[@]} == 0)); then
  echo "nothing changed"
else
  echo
  echo "next: review /etc/warden/warden.env (upstream, environment, secrets) and /etc/warden/warden.yaml, then"
  echo "  systemctl enable --now warden        (or systemctl restart warden to run an upgraded jar)"
  echo "  curl -s http://127.0.0.1:9090/api/security/health"
fi
