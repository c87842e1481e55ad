package com.saascrm.account;

/** A directory write that names what does not exist here, such as an unknown plan: nothing is written. */
public class DirectoryEntryRefusedException extends RuntimeException {

    public DirectoryEntryRefusedException(String message) {
        super(message);
    }
}
