package dev.dingbot.testkit.documents;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files of every kind the reader knows, written by the libraries themselves or zipped by hand, in memory. */
public final class DocumentFixtures {

    private DocumentFixtures() {
    }

    /** One page per text, each line of a text a line on its page, in Helvetica (ASCII). */
    public static byte[] pdf(String... pageTexts) {
        try (PDDocument pdf = new PDDocument()) {
            for (String text : pageTexts) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    content.setLeading(14);
                    content.newLineAtOffset(60, 740);
                    for (String line : text.split("\n")) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            return saved(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scan: pages that show a picture and hold no text. */
    public static byte[] imageOnlyPdf(int pages) {
        try (PDDocument pdf = new PDDocument()) {
            BufferedImage scan = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scan.createGraphics();
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(0, 0, 200, 100));
            g.setColor(Color.BLACK);
            g.drawString("scanned words", 20, 50);
            g.dispose();
            PDImageXObject image = LosslessFactory.createFromImage(pdf, scan);
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.drawImage(image, 72, 500);
                }
            }
            return saved(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF that opens only with the password {@code userPassword}. */
    public static byte[] encryptedPdf(String text, String userPassword) {
        try (PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(pdf(text))) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword,
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            pdf.protect(policy);
            return saved(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] saved(PDDocument pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.save(out);
        return out.toByteArray();
    }

    /** Paragraphs, then a table of the given rows. */
    public static byte[] docx(List<String> paragraphs, List<List<String>> table) {
        try (XWPFDocument document = new XWPFDocument()) {
            paragraphs.forEach(text -> document.createParagraph().createRun().setText(text));
            if (!table.isEmpty()) {
                XWPFTable t = document.createTable(table.size(), table.get(0).size());
                for (int r = 0; r < table.size(); r++) {
                    for (int c = 0; c < table.get(r).size(); c++) {
                        t.getRow(r).getCell(c).setText(table.get(r).get(c));
                    }
                }
            }
            return written(document::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sheets by name, each a list of rows of cell values (a number where the value parses as one). */
    public static byte[] xlsx(Map<String, List<List<String>>> sheets) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            sheets.forEach((name, rows) -> {
                XSSFSheet sheet = workbook.createSheet(name);
                for (int r = 0; r < rows.size(); r++) {
                    XSSFRow row = sheet.createRow(r);
                    for (int c = 0; c < rows.get(r).size(); c++) {
                        String value = rows.get(r).get(c);
                        if (value.matches("-?\\d+(\\.\\d+)?")) {
                            row.createCell(c).setCellValue(Double.parseDouble(value));
                        } else if (!value.isEmpty()) {
                            row.createCell(c).setCellValue(value);
                        }
                    }
                }
            });
            return written(workbook::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, List<List<String>>> sheets(Object... nameThenRows) {
        Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
        for (int i = 0; i < nameThenRows.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<List<String>> rows = (List<List<String>>) nameThenRows[i + 1];
            sheets.put((String) nameThenRows[i], rows);
        }
        return sheets;
    }

    /** One slide per text, in a text box. */
    public static byte[] pptx(String... slideTexts) {
        try (XMLSlideShow show = new XMLSlideShow()) {
            for (String text : slideTexts) {
                XSLFTextBox box = show.createSlide().createTextBox();
                box.setAnchor(new Rectangle2D.Double(50, 50, 400, 100));
                box.setText(text);
            }
            return written(show::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OOXML file encrypted with a password, as Office does it: an OLE2 file holding an EncryptedPackage. */
    public static byte[] encryptedOoxml(byte[] ooxml, String password) {
        try (POIFSFileSystem container = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.standard).getEncryptor();
            encryptor.confirmPassword(password);
            try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(ooxml));
                 OutputStream data = encryptor.getDataStream(container)) {
                pkg.save(data);
            }
            return written(container::writeFilesystem);
        } catch (IOException | GeneralSecurityException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An old binary file: a compound file with the stream the format keeps its content in ("WordDocument"). */
    public static byte[] oldBinaryOffice(String streamName) {
        try (POIFSFileSystem container = new POIFSFileSystem()) {
            container.createDocument(new ByteArrayInputStream(new byte[4096]), streamName);
            return written(container::writeFilesystem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code fraction} of the bytes: a download that stopped. */
    public static byte[] truncated(byte[] file, double fraction) {
        return Arrays.copyOf(file, (int) (file.length * fraction));
    }

    /**
     * A minimal Word file zipped by hand whose document part streams {@code body} into one paragraph: a bomb when
     * the body is huge and repetitive, a file expanding past a limit when it is merely large.
     */
    public static byte[] handZippedDocx(Consumer<Writer> body) {
        return handZipped(Map.of(
                "[Content_Types].xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                        <Default Extension="xml" ContentType="application/xml"/>
                        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                        </Types>""",
                "_rels/.rels", rels("word/document.xml")),
                "word/document.xml", out -> {
                    write(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w="
                            + "\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>");
                    body.accept(out);
                    write(out, "</w:t></w:r></w:p></w:body></w:document>");
                });
    }

    /** An Excel file zipped by hand with one sheet of {@code rows} rows, a number in column A: small on disk, long to read. */
    public static byte[] handZippedSheet(int rows) {
        return handZipped(Map.of(
                "[Content_Types].xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                        <Default Extension="xml" ContentType="application/xml"/>
                        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                        </Types>""",
                "_rels/.rels", rels("xl/workbook.xml"),
                "xl/workbook.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                        <sheets><sheet name="Big" sheetId="1" r:id="rId1"/></sheets></workbook>""",
                "xl/_rels/workbook.xml.rels", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                        </Relationships>"""),
                "xl/worksheets/sheet1.xml", out -> {
                    write(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns="
                            + "\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                    for (int r = 1; r <= rows; r++) {
                        write(out, "<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + r + "</v></c></row>");
                    }
                    write(out, "</sheetData></worksheet>");
                });
    }

    private static String rels(String mainPart) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/>
                </Relationships>""".formatted(mainPart);
    }

    private static byte[] handZipped(Map<String, String> smallParts, String streamedPart, Consumer<Writer> content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (Map.Entry<String, String> part : smallParts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(streamedPart));
            Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
            content.accept(writer);
            writer.flush();
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static byte[] written(Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writing.to(out);
        return out.toByteArray();
    }
}
