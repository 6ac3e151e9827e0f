package dev.palisade.model.validation;

/** A change a client asks the datastore to make. */
public enum Operation {
    CREATE("Create"), UPDATE("Update"), DELETE("Delete");

    private final String verb;

    Operation(String verb) {
        this.verb = verb;
    }

    /** Calico's spelling in error messages. */
    public String verb() {
        return verb;
    }
}
