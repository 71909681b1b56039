#!/usr/bin/env bash
# Makes sure the services the test suite talks to are up: PostgreSQL, MariaDB and Redis on
# 127.0.0.1, and Chromium for the browser tests. Starts what is down (Debian packages and the
# machine's own start commands) and fails loudly when something stays unreachable.
set -uo pipefail

fail() { echo "ci-services: $*" >&2; exit 1; }

wait_for() { # name, probe command
  local name=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then echo "ci-services: $name is up"; return 0; fi
    sleep 1
  done
  fail "$name is unreachable after starting it"
}

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
if ! pg_up; then
  echo "ci-services: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
fi
wait_for PostgreSQL pg_up

maria_up() { mysqladmin ping -h 127.0.0.1 -P 3306 -u root --silent; }
if ! maria_up >/dev/null 2>&1; then
  echo "ci-services: starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
fi
wait_for MariaDB maria_up

redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }
if ! redis_up; then
  echo "ci-services: starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi
wait_for Redis redis_up

if [ ! -x /usr/bin/chromium ]; then
  echo "ci-services: installing Chromium from Debian's packages"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
    || fail "could not install chromium"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing"
echo "ci-services: Chromium is $(/usr/bin/chromium --version 2>/dev/null)"
