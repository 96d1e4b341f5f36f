package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vertreg.api.security.NodeUser;
import org.vertreg.api.security.Roles;
import org.vertreg.dicom.DicomScp;
import org.vertreg.testing.DcmtkTool;
import org.vertreg.testing.QuietPeriod;

/**
 * The web page in Debian's headless Chromium: an administrator logs in, sees the registration of an X-ray the test sends
 * through the node's DICOM port appear and turn COMPLETED live, opens it and sees its pose, quality and overlay; a viewer
 * is refused the audit search; a wrong password is refused. Screenshots go to target/web-page/.
 */
@QuarkusTest
@TestProfile(NodeMainJobTest.Workers.class)
class WebPageTest {
    static final String PASSWORD = "correct horse battery staple";
    static final Path SHOTS = Path.of("target", "web-page");

    @TestHTTPResource("/")
    URL page;
    @Inject
    DicomScp scp;
    @Inject
    QuietPeriod quiet;

    WebDriver browser;

    @BeforeEach
    void chromium() throws Exception {
        Files.createDirectories(SHOTS);
        QuarkusTransaction.requiringNew().run(() -> {
            if (NodeUser.count("username", "ada") == 0) {
                NodeUser.of("ada", PASSWORD, Roles.ADMINISTRATOR).persist();
            }
            if (NodeUser.count("username", "vera") == 0) {
                NodeUser.of("vera", PASSWORD, Roles.VIEWER).persist();
            }
        });
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    WebElement waitFor(String what, java.util.function.Function<WebDriver, WebElement> find) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(Integer.getInteger("web.wait.seconds", 180))).withMessage(what).until(find::apply);
        } catch (RuntimeException e) {
            try {
                shot("failed");
                Files.writeString(SHOTS.resolve("failed.html"), browser.getPageSource());
            } catch (Exception ignored) {
                // the failure says enough
            }
            throw e;
        }
    }

    void logIn(String user, String password) {
        browser.get(page.toString());
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
    }

    @Test
    void anAdministratorWatchesARegistrationLiveAndAViewerIsRefusedTheAuditTrail() throws Exception {
        logIn("ada", "wrong password here");
        waitFor("the refusal", b -> b.findElement(By.id("login-error")).isDisplayed() ? b.findElement(By.id("login-error")) : null);
        assertEquals("Wrong user or password.", browser.findElement(By.id("login-error")).getText());
        shot("1-wrong-password");

        logIn("ada", PASSWORD);
        waitFor("the worklist", b -> b.findElement(By.id("app")).isDisplayed() ? b.findElement(By.id("worklist")) : null);
        shot("2-worklist");

        // a patient's CT, segmentation and X-ray through the node's DICOM port: the registration shows up and completes live
        PhantomCase patient = PhantomCase.write(Files.createTempDirectory("web-page"), "WEB-1");
        assertTrue(DcmtkTool.store(scp.port(), "SCANNER", List.of(patient.ctFolder().toString(), patient.segFolder().toString())).succeeded());
        quiet.elapse();
        assertTrue(DcmtkTool.store(scp.port(), "CARM", List.of(patient.xray().toString())).succeeded());
        String xray = patient.xraySopInstanceUid();
        long id = NodeMainJobTest.jobOf(io.quarkus.arc.Arc.container().instance(javax.sql.DataSource.class).get(),
                io.quarkus.arc.Arc.container().instance(JobQueue.class).get(), JobKinds.REGISTRATION, "WEB-1").id();
        WebElement row = waitFor("the X-ray's registration in the worklist", b -> b.findElements(By.id("job-" + id)).stream().findFirst().orElse(null));
        shot("3-registration-queued");
        waitFor("its state to turn COMPLETED without a reload", b -> "COMPLETED".equals(b.findElement(By.id("job-" + id)).findElements(By.tagName("td"))
                .get(2).getText()) ? row : null);
        shot("4-registration-completed");
        String note = browser.findElement(By.id("job-" + id)).findElements(By.tagName("td")).get(3).getText();
        assertTrue(note.matches("L1, quality [01]\\.\\d\\d.*"), "the finished registration's level and quality in its row: " + note);

        browser.findElement(By.id("job-" + id)).click();
        WebElement overlay = waitFor("the overlay image", b -> {
            WebElement img = b.findElement(By.id("overlay"));
            Object width = ((org.openqa.selenium.JavascriptExecutor) b).executeScript("return arguments[0].naturalWidth", img);
            return img.isDisplayed() && width instanceof Number n && n.intValue() == 512 ? img : null;
        });
        assertTrue(overlay.isDisplayed());
        assertEquals("L1", browser.findElement(By.id("detail-level")).getText());
        assertTrue(browser.findElement(By.id("detail-quality")).getText().matches("0\\.\\d{3}.*"), browser.findElement(By.id("detail-quality")).getText());
        assertEquals(6, browser.findElement(By.id("detail-pose")).getText().trim().split("\\s+").length);
        assertTrue(browser.findElement(By.id("detail-sent")).getText().startsWith("CARM at 127.0.0.1:"), "where the outputs go");
        assertTrue(browser.findElement(By.id("detail-stages")).getText().contains("refine"));
        shot("5-detail-with-overlay");

        browser.findElement(By.id("patient")).sendKeys("WEB-1");
        browser.findElement(By.cssSelector("#history-form button")).click();
        waitFor("the patient's history", b -> b.findElements(By.cssSelector("#history tbody tr")).stream().findFirst().orElse(null));
        assertTrue(browser.findElement(By.cssSelector("#history tbody tr")).getText().contains("L1"));
        waitFor("the audit trail", b -> b.findElements(By.cssSelector("#audit-table tbody tr")).stream().findFirst().orElse(null));
        shot("6-history-and-audit");
        assertTrue(xray.length() > 0);

        browser.findElement(By.id("logout")).click();
        logIn("vera", PASSWORD);
        waitFor("the viewer's refusal", b -> b.findElement(By.id("audit-refused")).isDisplayed() ? b.findElement(By.id("audit-refused")) : null);
        assertEquals("Your role may not read the audit trail.", browser.findElement(By.id("audit-refused")).getText());
        shot("7-viewer-refused-audit");
    }
}
