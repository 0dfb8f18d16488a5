#!/bin/sh
# Starts dingbot as the unprivileged user "dingbot". Started as root (the image's default), it first makes the
# data dir that user's: a bind mount such as compose's ./data is created by Docker owned by root, and the bot
# could not write there. Started with another --user, it runs as that user and changes nothing.
set -eu
data=/app/data
if [ "$(id -u)" = 0 ]; then
    mkdir -p "$data"
    chown -R dingbot:dingbot "$data"
    chmod 700 "$data"
    exec setpriv --reuid=dingbot --regid=dingbot --init-groups java $JAVA_OPTS -jar /app/dingbot.jar "$@"
fi
exec java $JAVA_OPTS -jar /app/dingbot.jar "$@"
