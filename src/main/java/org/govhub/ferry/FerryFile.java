package org.govhub.ferry;

/** A file to write into a gap folder, as the Camel routes see it: name, bytes and what it stands for. */
public final class FerryFile {
    private final String fileName;
    private final byte[] content;
    private final String reference;

    public FerryFile(String fileName, byte[] content, String reference) {
        this.fileName = fileName;
        this.content = content;
        this.reference = reference;
    }

    public String getFileName() {
        return fileName;
    }

    public byte[] getContent() {
        return content;
    }

    /** The bundle id or return message id, handed back when the file was written. */
    public String getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return fileName + " (" + content.length + " bytes)";
    }
}
