package org.govhub.licences;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.govhub.common.problem.ProblemException;
import org.govhub.common.problem.ProblemType;

/**
 * The file formats a licence may come in, recognised by their leading bytes, never by the declared
 * content type or the file name. OFD (GB/T 33190) is a ZIP container whose root holds {@code OFD.xml}.
 */
public enum LicenceFileType {
    PDF("application/pdf", "pdf"),
    OFD("application/ofd", "ofd"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    TIFF("image/tiff", "tif");

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] TIFF_LE_MAGIC = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BE_MAGIC = {'M', 'M', 0, 42};

    private final String contentType;
    private final String extension;

    LicenceFileType(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** The type of the file, or a 400 (empty) / 415 (anything else) problem. */
    public static LicenceFileType detect(Path file) {
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
        if (read == 0) {
            throw ProblemException.invalidField("file", "is empty");
        }
        byte[] start = Arrays.copyOf(head, read);
        if (startsWith(start, PDF_MAGIC)) {
            return PDF;
        }
        if (startsWith(start, PNG_MAGIC)) {
            return PNG;
        }
        if (startsWith(start, JPEG_MAGIC)) {
            return JPEG;
        }
        if (startsWith(start, TIFF_LE_MAGIC) || startsWith(start, TIFF_BE_MAGIC)) {
            return TIFF;
        }
        if (startsWith(start, ZIP_MAGIC)) {
            if (isOfdPackage(file)) {
                return OFD;
            }
            throw unsupported("the file is a ZIP archive without OFD.xml at its root, so not an OFD document");
        }
        throw unsupported("the file is neither PDF, OFD, PNG, JPEG nor TIFF (judged by its leading bytes)");
    }

    private static boolean isOfdPackage(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("OFD.xml") != null;
        } catch (ZipException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
    }

    private static boolean startsWith(byte[] data, byte[] magic) {
        return data.length >= magic.length && Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
    }

    public static LicenceFileType ofContentType(String contentType) {
        for (LicenceFileType type : values()) {
            if (type.contentType.equals(contentType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no licence file type for " + contentType);
    }
}
