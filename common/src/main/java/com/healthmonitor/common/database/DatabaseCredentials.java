package com.healthmonitor.common.database;

/** A database user name and password; the password never appears in {@link #toString()}. */
public record DatabaseCredentials(String username, String password) {

    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + ", password=****]";
    }
}
