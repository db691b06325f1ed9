package org.govhub.licences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.govhub.common.problem.ProblemException;
import org.govhub.common.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenceFileTypeTest {
    @TempDir
    Path dir;

    @Test
    void recognisesEachFormatByItsLeadingBytes() throws Exception {
        assertEquals(LicenceFileType.PDF, detect("%PDF-1.4 rest".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(LicenceFileType.PNG, detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0}));
        assertEquals(LicenceFileType.JPEG, detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1}));
        assertEquals(LicenceFileType.TIFF, detect(new byte[] {'I', 'I', 42, 0, 8, 0}));
        assertEquals(LicenceFileType.TIFF, detect(new byte[] {'M', 'M', 0, 42, 0, 8}));
        assertEquals(LicenceFileType.OFD, detect(zip("OFD.xml")));
    }

    @Test
    void zipWithoutOfdXmlAtItsRootIsNotOfd() throws Exception {
        ProblemException e = assertThrows(ProblemException.class, () -> detect(zip("Doc_0/OFD.xml")));
        assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE, e.type());
    }

    @Test
    void declaredNameDoesNotMatterOnlyContent() throws Exception {
        ProblemException e = assertThrows(ProblemException.class,
                () -> detect("<html>not a pdf</html>".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE, e.type());
        assertEquals(415, e.type().status());
    }

    @Test
    void truncatedMagicIsNotEnough() {
        assertThrows(ProblemException.class, () -> detect("%PD".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyFileIsA400() {
        ProblemException e = assertThrows(ProblemException.class, () -> detect(new byte[0]));
        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals("file", e.errors().get(0).field());
    }

    private LicenceFileType detect(byte[] content) throws Exception {
        Path file = Files.createTempFile(dir, "upload", ".bin");
        Files.write(file, content);
        return LicenceFileType.detect(file);
    }

    private static byte[] zip(String entry) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
