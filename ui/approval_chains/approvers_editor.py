"""The approvers of one level (or the people copied): roles ticked in a list that names each role
in both languages, and people added by typing a name or username (type-ahead over the active
users) and removed with Del. It edits a LevelDraft in place and says ``changed``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.approval_chains.chain_draft import LevelDraft
from ui.approval_chains.directory import ChainDirectory
from ui.common.shortcuts import local_shortcut

translate = QCoreApplication.translate  # the name lupdate recognises


class ApproversEditor(QWidget):
    changed = Signal()

    def __init__(self, directory: ChainDirectory, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._directory, self._language = directory, language
        self._level = LevelDraft()
        self.roles_caption = QLabel(self)
        self.roles = QListWidget(self)
        self.roles.setObjectName("chainRoles")
        for code in directory.roles:
            item = QListWidgetItem(directory.role_both(code, language), self.roles)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setToolTip(code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        self.roles.itemChanged.connect(self._role_ticked)

        self.people_caption = QLabel(self)
        self.person = QLineEdit(self)
        self.person.setObjectName("chainPersonInput")
        self._choices = {directory.person_choice(u): u for u in directory.users}
        completer = QCompleter(QStringListModel(list(self._choices), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self.add_person)
        self.person.setCompleter(completer)
        self.person.installEventFilter(self)  # Enter adds the person typed, and goes no further
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("chainAddPerson")
        self.add_button.clicked.connect(lambda: self.add_person(self.person.text()))
        self.person_note = QLabel(self)
        self.person_note.setObjectName("fieldNote")
        self.person_note.setProperty("tone", "error")
        self.person_note.hide()  # takes room only when it says something
        self.people = QListWidget(self)
        self.people.setObjectName("chainPeople")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("chainRemovePerson")
        self.remove_button.clicked.connect(self.remove_person)
        local_shortcut(Qt.Key.Key_Delete, self.people, self.remove_person)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        roles_column = QVBoxLayout()
        layout.addLayout(roles_column, 1)
        roles_column.addWidget(self.roles_caption)
        roles_column.addWidget(self.roles, 1)
        people_column = QVBoxLayout()
        layout.addLayout(people_column, 1)
        people_column.addWidget(self.people_caption)
        entry = QHBoxLayout()
        people_column.addLayout(entry)
        entry.addWidget(self.person, 1)
        entry.addWidget(self.add_button)
        people_column.addWidget(self.person_note)
        people_column.addWidget(self.people, 1)
        people_column.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.retranslate_ui()

    def show_level(self, level: LevelDraft) -> None:
        """Edits ``level`` from now on (in place)."""
        self._level = level
        self.roles.blockSignals(True)
        for row in range(self.roles.count()):
            item = self.roles.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in level.roles
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.roles.blockSignals(False)
        self._show_people()
        self.person.clear()
        self._note("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.person and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.add_person(self.person.text())
            return True
        return super().eventFilter(watched, event)

    def _show_people(self) -> None:
        self.people.clear()
        for username in self._level.users:
            item = QListWidgetItem(self._directory.person_choice(username), self.people)
            item.setData(Qt.ItemDataRole.UserRole, username)
        self.remove_button.setEnabled(bool(self._level.users))

    def _role_ticked(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        ticked = item.checkState() == Qt.CheckState.Checked
        if ticked and code not in self._level.roles:
            self._level.roles.append(code)
        elif not ticked and code in self._level.roles:
            self._level.roles.remove(code)
        self.changed.emit()

    def add_person(self, text: str) -> None:
        """Adds the person typed or chosen: "Name (username)", a username, a display name, or any
        part of one that names a single active user."""
        text = text.strip()
        if not text:
            return
        username = self._choices.get(text) or self._match(text)
        if username is None:
            self._note(translate("ApprovalChains", "No single active user matches “{name}”.").format(name=text))
            return
        self._note("")
        if username not in self._level.users:
            self._level.users.append(username)
            self._show_people()
            self.changed.emit()
        self.person.clear()

    def _note(self, text: str) -> None:
        self.person_note.setText(text)
        self.person_note.setVisible(bool(text))

    def _match(self, text: str) -> str | None:
        wanted = text.casefold()
        exact = [u for u in self._directory.users if wanted in (u.casefold(), self._directory.person_name(u).casefold())]
        partial = [u for choice, u in self._choices.items() if wanted in choice.casefold()]
        found = exact or partial
        return found[0] if len(found) == 1 else None

    def remove_person(self) -> None:
        item = self.people.currentItem() or (self.people.item(self.people.count() - 1) if self.people.count() else None)
        if item is None:
            return
        self._level.users.remove(item.data(Qt.ItemDataRole.UserRole))
        self._show_people()
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.roles_caption.setText(translate("ApprovalChains", "Roles"))
        self.people_caption.setText(translate("ApprovalChains", "People"))
        self.person.setPlaceholderText(translate("ApprovalChains", "Type a name or username…"))
        self.add_button.setText(translate("ApprovalChains", "Add"))
        self.remove_button.setText(translate("ApprovalChains", "Remove Person"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
