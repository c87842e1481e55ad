package com.saascrm.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.saascrm.account.AccountDirectory;
import com.saascrm.account.AccountDirectory.Outcome;
import com.saascrm.account.AccountDirectory.UserEntry;
import com.saascrm.account.DirectoryEntryRefusedException;
import com.saascrm.api.DirectoryController.AccountPut;
import com.saascrm.api.DirectoryController.UserPut;

/**
 * The directory feed's first load: accounts with their users, one JSON object a line. A line is read, checked and
 * stored in a transaction of its own before the next is read, so memory does not grow with the stream and a refused
 * line costs only itself; lines already stored stay when the stream breaks off, and sending it again changes
 * nothing. The summary counts what the lines did and names the first refused ones.
 */
@Component
class DirectoryBulkLoad {

    private static final Logger log = LoggerFactory.getLogger(DirectoryBulkLoad.class);

    static final int MAX_LINE_CHARS = 1024 * 1024;
    static final int REFUSED_LINES_LISTED = 100;
    private static final int PROGRESS_EVERY_LINES = 10_000;

    /** One line: an account, and its users by login. */
    record AccountLine(
            @NotNull @AccountId String id,
            @NotNull @Valid AccountPut account,
            @NotNull Map<@NotNull @Login String, @NotNull @Valid UserPut> users) {}

    record Counts(long created, long changed, long unchanged, long outdated) {}

    record RefusedLine(long line, String reason) {}

    /**
     * @param refused      how many lines were refused; the first {@value #REFUSED_LINES_LISTED} are listed in
     *                     {@code firstRefused}
     */
    record Summary(long lines, Counts accounts, Counts users, long refused, List<RefusedLine> firstRefused) {}

    private final AccountDirectory directory;
    private final ErasedAccountIds erasedAccounts;
    private final ObjectReader lineReader;
    private final Validator validator;

    DirectoryBulkLoad(
            AccountDirectory directory,
            ErasedAccountIds erasedAccounts,
            ObjectMapper objectMapper,
            Validator validator) {
        this.directory = directory;
        this.erasedAccounts = erasedAccounts;
        this.lineReader = objectMapper.readerFor(AccountLine.class);
        this.validator = validator;
    }

    Summary load(InputStream body) throws IOException {
        Tally tally = new Tally();
        BoundedLines lines = new BoundedLines(
                new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), MAX_LINE_CHARS);
        for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.tooLong()) {
                tally.refuse(line.number(), "longer than " + MAX_LINE_CHARS + " characters");
            } else if (!line.text().isBlank()) {
                store(line.number(), line.text(), tally);
            }
            if (line.number() % PROGRESS_EVERY_LINES == 0) {
                log.info("Directory load: {} lines read, {} refused", line.number(), tally.refused);
            }
        }
        Summary summary = tally.summary(lines.number());
        log.info(
                "Directory load done: {} lines, accounts {}, users {}, {} refused",
                summary.lines(),
                summary.accounts(),
                summary.users(),
                summary.refused());
        return summary;
    }

    private void store(long number, String line, Tally tally) {
        AccountLine entry;
        try {
            entry = lineReader.readValue(line);
        } catch (JsonMappingException e) {
            tally.refuse(number, "the value at '" + path(e) + "' cannot be read");
            return;
        } catch (JacksonException e) {
            tally.refuse(number, "not a JSON object");
            return;
        }
        Set<ConstraintViolation<AccountLine>> violations = validator.validate(entry);
        if (!violations.isEmpty()) {
            tally.refuse(number, describe(violations));
            return;
        }
        try {
            erasedAccounts.refuseReuse(entry.id());
            List<UserEntry> users = entry.users().entrySet().stream()
                    .map(user -> user.getValue().entry(user.getKey()))
                    .toList();
            AccountDirectory.Loaded loaded = CreationRace.writeAgainIfLost(
                    () -> directory.putAccountWithUsers(entry.account().entry(entry.id()), users));
            tally.count(loaded);
        } catch (DirectoryEntryRefusedException | ErasedAccountIds.ErasedAccountException e) {
            tally.refuse(number, e.getMessage());
        }
    }

    /** Names the fields, never their values: a line may carry personal data. */
    private static String describe(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static final class Tally {
        private final Map<Outcome, Long> accounts = new EnumMap<>(Outcome.class);
        private final Map<Outcome, Long> users = new EnumMap<>(Outcome.class);
        private final List<RefusedLine> firstRefused = new ArrayList<>();
        private long refused;

        void count(AccountDirectory.Loaded loaded) {
            accounts.merge(loaded.account(), 1L, Long::sum);
            loaded.users().forEach(outcome -> users.merge(outcome, 1L, Long::sum));
        }

        void refuse(long line, String reason) {
            refused++;
            if (firstRefused.size() < REFUSED_LINES_LISTED) {
                firstRefused.add(new RefusedLine(line, reason));
            }
        }

        Summary summary(long lines) {
            return new Summary(lines, counts(accounts), counts(users), refused, List.copyOf(firstRefused));
        }

        private static Counts counts(Map<Outcome, Long> byOutcome) {
            return new Counts(
                    byOutcome.getOrDefault(Outcome.CREATED, 0L),
                    byOutcome.getOrDefault(Outcome.CHANGED, 0L),
                    byOutcome.getOrDefault(Outcome.UNCHANGED, 0L),
                    byOutcome.getOrDefault(Outcome.OUTDATED, 0L));
        }
    }

    /** Lines of a reader, each at most {@code maxChars} long; a longer one is read to its end and not kept. */
    private static final class BoundedLines {

        /** @param text the line without its end; empty where the line was too long */
        record Line(long number, String text, boolean tooLong) {}

        private final Reader reader;
        private final int maxChars;
        private final StringBuilder text = new StringBuilder();
        private long number;
        private boolean ended;

        BoundedLines(Reader reader, int maxChars) {
            this.reader = reader;
            this.maxChars = maxChars;
        }

        /** The next line, or null at the end. */
        Line next() throws IOException {
            if (ended) {
                return null;
            }
            text.setLength(0);
            boolean tooLong = false;
            int c;
            while ((c = reader.read()) != -1 && c != '\n') {
                if (text.length() < maxChars) {
                    text.append((char) c);
                } else {
                    tooLong = true;
                }
            }
            ended = c == -1;
            if (ended && text.isEmpty() && !tooLong) {
                return null;
            }
            number++;
            return new Line(number, tooLong ? "" : text.toString(), tooLong);
        }

        long number() {
            return number;
        }
    }
}
